/** The keys (`?`): drawn from the hotkey table itself, so it always says what the keys do. */
import { useEffect, useRef } from 'react';
import { HOTKEYS } from './hotkeys.ts';

/** A key as printed: Space, arrows without 'Arrow', letters in capitals, modifiers spaced out ('Shift + B'); '+' stays '+'. */
const shown = (k: string) => (k === ' ' ? 'Space' : k.split(/\+(?=.)/).map((part) => part.replace('Arrow', '').replace(/^[a-z]$/, (c) => c.toUpperCase())).join(' + '));

export function HelpOverlay({ onClose }: { onClose: () => void }) {
  const closeRef = useRef<HTMLButtonElement>(null);
  useEffect(() => { closeRef.current?.focus(); }, []);
  return (
    <div className="help-backdrop" onClick={onClose}>
      <div className="help" data-testid="help" role="dialog" aria-modal="true" aria-labelledby="help-title" onClick={(e) => e.stopPropagation()}>
        <h2 id="help-title">Keyboard</h2>
        <table>
          <tbody>
            {HOTKEYS.map((h) => (
              <tr key={h.id} data-hotkey={h.id}><td>{h.keys.map((k) => <kbd key={k}>{shown(k)}</kbd>)}</td><td>{h.label}</td></tr>
            ))}
          </tbody>
        </table>
        <button ref={closeRef} type="button" onClick={onClose}>Close (Esc)</button>
      </div>
    </div>
  );
}
