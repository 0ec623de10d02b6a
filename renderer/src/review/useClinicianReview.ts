/**
 * The clinician's review on the review screen: loads it (`review:get`) when the screen opens, records every
 * change through `review:record` naming the latest entry of that finding as shown (`replaces`), and shows the
 * state the engine answers. What is being typed (comment, times, side) is a draft per finding that only a
 * recorded change clears: a refused change (stale, invalid, no reviewer) shows the engine's message and keeps
 * it. The reviewer's name is asked once and remembered in this browser profile (localStorage).
 */
import { useCallback, useEffect, useRef, useState, type RefObject } from 'react';
import type { Catalogue } from '../catalogue.ts';
import { api } from '../semioscopeApi.ts';
import { errorText, type ShownError } from '../errorText.ts';
import {
  EMPTY_DRAFT, REVIEWER_STORAGE_KEY, cleanReviewerName, decisionChange, draftFrom, frameTime, latestEntryOf, sameDraft, standingEntryOf,
  type Decision, type Draft, type FeatureId, type ReviewState,
} from './reviewLog.ts';

/** The add-a-sign form: a catalogue feature and the decision's fields. */
export interface AddDraft extends Draft {
  featureId: string;
}
const EMPTY_ADD: AddDraft = { featureId: '', ...EMPTY_DRAFT };

/** What is selected for the onset / offset keys: a finding's feature id, or the add-a-sign form. */
export const ADD_FORM = 'add';

export interface ClinicianReview {
  state: ReviewState | null;
  loadProblem: ShownError | null;
  reviewer: string;
  setReviewer: (name: string) => void;
  nameFieldRef: RefObject<HTMLInputElement | null>;
  /** The draft a finding's controls show: what was typed, else its standing entry's fields. */
  draftOf: (featureId: string) => Draft;
  /** Whether a finding has typed changes not yet recorded. */
  edited: (featureId: string) => boolean;
  editDraft: (featureId: string, patch: Partial<Draft>) => void;
  /** Refused changes by where they were asked: a feature id, 'add', 'signoff' or 'keys'. */
  problems: Readonly<Record<string, ShownError>>;
  busy: string | null;
  selected: string | null;
  select: (key: string | null) => void;
  decide: (featureId: string, decision: Decision) => Promise<boolean>;
  /** Records the typed changes on the standing decision. */
  save: (featureId: string) => Promise<boolean>;
  undo: (featureId: string) => Promise<boolean>;
  signOff: () => Promise<boolean>;
  addDraft: AddDraft;
  editAdd: (patch: Partial<AddDraft>) => void;
  addSign: () => Promise<boolean>;
  /** The time of the frame shown, to the millisecond. */
  timeNow: () => number;
  /** Sets the selected finding's (or the add form's) onset or offset to the frame shown (the `[` and `]` keys). */
  markTime: (field: 'onsetS' | 'offsetS') => void;
}

const readStoredName = () => {
  try { return cleanReviewerName(window.localStorage.getItem(REVIEWER_STORAGE_KEY)); } catch { return ''; }
};

export interface ClinicianReviewOptions {
  recordingSha256: string;
  /** The analysis on screen (its id in the list of analyses), or null. */
  analysisId: number | null;
  catalogue: Catalogue;
  /** The time of the frame shown (the video's currentTime). */
  timeNow: () => number;
}

export function useClinicianReview({ recordingSha256, analysisId, catalogue, timeNow: videoTime }: ClinicianReviewOptions): ClinicianReview {
  const [state, setState] = useState<ReviewState | null>(null);
  const [loadProblem, setLoadProblem] = useState<ShownError | null>(null);
  const [reviewer, setReviewerState] = useState(readStoredName);
  const [drafts, setDrafts] = useState<Record<string, Draft>>({});
  const [problems, setProblems] = useState<Record<string, ShownError>>({});
  const [busy, setBusy] = useState<string | null>(null);
  const [selected, setSelected] = useState<string | null>(null);
  const [addDraft, setAddDraft] = useState<AddDraft>(EMPTY_ADD);
  const nameFieldRef = useRef<HTMLInputElement>(null);
  // The callbacks read what is shown now through this, so they stay the same functions (the key handler keeps them).
  const live = useRef({ state, drafts, reviewer, selected, addDraft, busy, videoTime });
  live.current = { state, drafts, reviewer, selected, addDraft, busy, videoTime };
  const timeNow = useCallback(() => frameTime(live.current.videoTime()), []);
  const lateralizes = useCallback((id: string) => catalogue.features.some((f) => f.id === id && f.lateralizes), [catalogue]);

  const reload = useCallback(async () => {
    try {
      setState(await api()['review:get']({ recordingSha256 }));
      setLoadProblem(null);
    } catch (e) {
      setLoadProblem(errorText(e));
    }
  }, [recordingSha256]);
  useEffect(() => { setState(null); void reload(); }, [reload]);

  const setProblem = (key: string, problem: ShownError | null) => setProblems((p) => {
    const { [key]: _old, ...rest } = p;
    return problem ? { ...rest, [key]: problem } : rest;
  });

  const setReviewer = useCallback((name: string) => {
    const clean = cleanReviewerName(name);
    setReviewerState(clean);
    try { if (clean) window.localStorage.setItem(REVIEWER_STORAGE_KEY, clean); else window.localStorage.removeItem(REVIEWER_STORAGE_KEY); } catch { /* a profile without storage asks again next time */ }
  }, []);

  /** One change through the review API; true when recorded. `key` is where a refusal is shown. */
  const record = useCallback(async (key: string, featureId: string | null, change: Parameters<ReturnType<typeof api>['review:record']>[0]['change']): Promise<boolean> => {
    const { state: shown, reviewer: name, busy: pending } = live.current;
    if (pending) return false;
    if (!name) {
      setProblem(key, { message: 'Give the reviewer\'s name first.', hint: 'Each decision is recorded with who made it: type your name in the Reviewer field.' });
      nameFieldRef.current?.focus();
      return false;
    }
    if (!shown) {
      setProblem(key, { message: 'The review has not loaded yet.', hint: 'Wait a moment, or reopen the recording.' });
      return false;
    }
    setBusy(key);
    try {
      const next = await api()['review:record']({ recordingSha256, analysisId, reviewer: name, replaces: latestEntryOf(shown, featureId)?.id ?? null, change });
      setState(next);
      setProblem(key, null);
      return true;
    } catch (e) {
      setProblem(key, errorText(e));
      // Changed meanwhile (another window): show the latest, keep what was typed; the reviewer decides again.
      if ((e as { setting?: unknown } | null)?.setting === 'replaces') void reload();
      return false;
    } finally {
      setBusy(null);
    }
  }, [recordingSha256, analysisId, reload]);

  const draftOf = useCallback((featureId: string) => drafts[featureId] ?? draftFrom(standingEntryOf(state, featureId)), [drafts, state]);
  const edited = useCallback((featureId: string) => featureId in drafts && !sameDraft(drafts[featureId]!, draftFrom(standingEntryOf(state, featureId))), [drafts, state]);
  const forget = (featureId: string) => setDrafts(({ [featureId]: _done, ...rest }) => rest);
  const editDraft = useCallback((featureId: string, patch: Partial<Draft>) => {
    setDrafts((d) => ({ ...d, [featureId]: { ...(d[featureId] ?? draftFrom(standingEntryOf(live.current.state, featureId))), ...patch } }));
  }, []);

  const decide = useCallback(async (featureId: string, decision: Decision) => {
    const draft = live.current.drafts[featureId] ?? draftFrom(standingEntryOf(live.current.state, featureId));
    const ok = await record(featureId, featureId, decisionChange(featureId, decision, draft, lateralizes(featureId)));
    if (ok) forget(featureId);
    return ok;
  }, [record, lateralizes]);

  const save = useCallback(async (featureId: string) => {
    const standing = standingEntryOf(live.current.state, featureId);
    if (!standing?.decision) {
      setProblem(featureId, { message: 'Choose confirm, reject or uncertain first: the comment, times and side are recorded with a decision.' });
      return false;
    }
    return decide(featureId, standing.decision);
  }, [decide]);

  const undo = useCallback(async (featureId: string) => {
    const ok = await record(featureId, featureId, { kind: 'undo', featureId: featureId as FeatureId });
    if (ok) forget(featureId);
    return ok;
  }, [record]);

  const signOff = useCallback(() => record('signoff', null, { kind: 'signoff' }), [record]);

  const editAdd = useCallback((patch: Partial<AddDraft>) => setAddDraft((a) => {
    const next = { ...a, ...patch };
    return next.featureId && !lateralizes(next.featureId) ? { ...next, side: null } : next;
  }), [lateralizes]);

  const addSign = useCallback(async () => {
    const a = live.current.addDraft;
    if (!a.featureId) {
      setProblem(ADD_FORM, { message: 'Choose the sign to add first.' });
      return false;
    }
    const ok = await record(ADD_FORM, a.featureId, decisionChange(a.featureId, 'added', a, lateralizes(a.featureId)));
    if (ok) {
      forget(a.featureId);
      setAddDraft(EMPTY_ADD);
      setSelected(a.featureId);
    }
    return ok;
  }, [record, lateralizes]);

  const markTime = useCallback((field: 'onsetS' | 'offsetS') => {
    const target = live.current.selected;
    if (!target) {
      setProblem('keys', { message: `Select a finding first (click it or move into it with Tab), then press ${field === 'onsetS' ? '[' : ']'} again.` });
      return;
    }
    setProblem('keys', null);
    if (target === ADD_FORM) editAdd({ [field]: timeNow() });
    else editDraft(target, { [field]: timeNow() });
  }, [editAdd, editDraft, timeNow]);

  return {
    state, loadProblem, reviewer, setReviewer, nameFieldRef, draftOf, edited, editDraft, problems, busy, selected, select: setSelected,
    decide, save, undo, signOff, addDraft, editAdd, addSign, timeNow, markTime,
  };
}
