/** The patient's side of a sign (left, right, bilateral): enabled only for signs whose catalogue entry lateralizes. */
import type { Side } from './reviewLog.ts';

export function SideSelect({ testId, lateralizes, value, disabled, onChange }: { testId: string; lateralizes: boolean; value: Side | null; disabled?: boolean; onChange: (side: Side | null) => void }) {
  return (
    <label className="side" title={lateralizes ? 'The side of the patient\'s body, not of the screen' : 'This sign does not lateralize: it takes no side'}>
      Patient&apos;s side
      <select data-testid={testId} value={lateralizes ? value ?? '' : ''} disabled={disabled || !lateralizes}
        onChange={(e) => onChange((e.currentTarget.value || null) as Side | null)}>
        <option value="">{lateralizes ? 'not given' : 'does not lateralize'}</option>
        {lateralizes && <><option value="left">left</option><option value="right">right</option><option value="bilateral">bilateral</option></>}
      </select>
    </label>
  );
}
