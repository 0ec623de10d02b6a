/** Hotkeys as data: one command per key, the dispatcher maps key events (modifiers, text fields) to ids. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { commandFor, HOTKEYS, keyClashes } from '../../../renderer/src/review/hotkeys.ts';

describe('hotkeys', () => {
  it('no key runs two commands, every command has a label and a key', () => {
    assert.deepEqual(keyClashes(), []);
    for (const h of HOTKEYS) assert.ok(h.label.length > 3 && h.keys.length > 0, h.id);
    assert.deepEqual(keyClashes([{ id: 'a', label: 'A', keys: ['x'] }, { id: 'b', label: 'B', keys: ['x'] }]), ['"x": a and b']);
  });

  it('maps key events to commands', () => {
    assert.equal(commandFor({ key: ',' }), 'frame-back');
    assert.equal(commandFor({ key: 'ArrowRight' }), 'frame-forward');
    assert.equal(commandFor({ key: 'ArrowRight', shiftKey: true }), 'frame-forward');
    assert.equal(commandFor({ key: 'L', shiftKey: true }), 'loop-segment');
    assert.equal(commandFor({ key: 'l' }), 'faster-forward');
    assert.equal(commandFor({ key: '?', shiftKey: true }), 'help');
    assert.equal(commandFor({ key: 'q' }), null);
    assert.equal(commandFor({ key: 'k', ctrlKey: true }), null);
  });

  it('keys typed into a text field are never commands', () => {
    assert.equal(commandFor({ key: 'k', targetIsTextField: true }), null);
  });
});
