/** Hotkeys as data: one command per key, the dispatcher maps key events (modifiers, text fields) to ids. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { commandFor, HOTKEYS, keyBelongsToField, keyClashes } from '../../../renderer/src/review/hotkeys.ts';

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
    assert.equal(commandFor({ key: 'l' }), 'faster');
    assert.equal(commandFor({ key: 'j' }), 'slower');
    assert.equal(commandFor({ key: 'k' }), 'pause');
    assert.equal(commandFor({ key: ' ' }), 'play-pause');
    assert.equal(commandFor({ key: '<', shiftKey: true }), 'frames-back');
    assert.equal(commandFor({ key: '>', shiftKey: true }), 'frames-forward');
    assert.equal(commandFor({ key: '+', shiftKey: true }), 'zoom-in');
    assert.equal(commandFor({ key: '=' }), 'zoom-in');
    assert.equal(commandFor({ key: '-' }), 'zoom-out');
    assert.equal(commandFor({ key: '0' }), 'zoom-reset');
    assert.equal(commandFor({ key: 'ArrowLeft', altKey: true }), 'pan-left');
    assert.equal(commandFor({ key: 'ArrowDown', altKey: true }), 'pan-down');
    assert.equal(commandFor({ key: 'b' }), 'brighter');
    assert.equal(commandFor({ key: 'B', shiftKey: true }), 'dimmer');
    assert.equal(commandFor({ key: 'c' }), 'more-contrast');
    assert.equal(commandFor({ key: 'C', shiftKey: true }), 'less-contrast');
    assert.equal(commandFor({ key: 'r' }), 'picture-reset');
    assert.equal(commandFor({ key: '?', shiftKey: true }), 'help');
    assert.equal(commandFor({ key: '[' }), 'set-onset');
    assert.equal(commandFor({ key: ']' }), 'set-offset');
    assert.equal(commandFor({ key: 'q' }), null);
    assert.equal(commandFor({ key: 'k', ctrlKey: true }), null);
  });

  it('J is labelled as what it does: slower, not backwards', () => {
    const j = HOTKEYS.find((h) => (h.keys as readonly string[]).includes('j'));
    assert.match(j?.label ?? '', /slower/i);
    assert.match(j?.label ?? '', /cannot play backwards/);
  });

  it('keys typed into a text field are never commands', () => {
    assert.equal(commandFor({ key: 'k', targetIsTextField: true }), null);
  });

  it('leaves typed text to text fields and stepping keys to sliders, the rest to the commands', () => {
    assert.equal(keyBelongsToField({ tagName: 'INPUT', type: 'text' }, 'b'), true);
    assert.equal(keyBelongsToField({ tagName: 'INPUT', type: '' }, ' '), true, 'an input without a type is a text field');
    assert.equal(keyBelongsToField({ tagName: 'TEXTAREA' }, 'k'), true);
    assert.equal(keyBelongsToField({ tagName: 'DIV', isContentEditable: true }, 'k'), true);
    assert.equal(keyBelongsToField({ tagName: 'INPUT', type: 'range' }, 'ArrowLeft'), true, 'the slider steps');
    assert.equal(keyBelongsToField({ tagName: 'INPUT', type: 'range' }, 'b'), false, 'B still brightens');
    assert.equal(keyBelongsToField({ tagName: 'INPUT', type: 'checkbox' }, ' '), true, 'Space ticks a checkbox');
    assert.equal(keyBelongsToField({ tagName: 'INPUT', type: 'checkbox' }, 'k'), false);
    assert.equal(keyBelongsToField({ tagName: 'BUTTON' }, '.'), false);
    assert.equal(keyBelongsToField(null, '.'), false);
  });
});
