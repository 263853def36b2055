/*
 * A small text-operation engine for the editor page, wire-compatible with ot.js and with the
 * server's dev.realtime.ot.TextOperation: an operation is an array in which a positive integer
 * retains, a string inserts and a negative integer deletes ([3, "abc", -2, 5]); positions count
 * UTF-16 code units, like textarea.value. transform(a, b) puts a's insert first when both insert
 * at one spot, the same tie-break as the server, so client and server converge.
 */
(function (global) {
  'use strict';

  function isRetain(c) { return typeof c === 'number' && c > 0; }
  function isDelete(c) { return typeof c === 'number' && c < 0; }
  function isInsert(c) { return typeof c === 'string'; }

  /** An operation over a whole text; built through retain/insert/remove, which normalise. */
  function TextOperation() {
    this.ops = [];
    this.baseLength = 0;
    this.targetLength = 0;
  }

  TextOperation.prototype.retain = function (n) {
    if (n === 0) { return this; }
    if (!Number.isInteger(n) || n < 0) { throw new Error('retain needs a positive integer'); }
    this.baseLength += n;
    this.targetLength += n;
    const last = this.ops.length - 1;
    if (last >= 0 && isRetain(this.ops[last])) { this.ops[last] += n; } else { this.ops.push(n); }
    return this;
  };

  TextOperation.prototype.insert = function (text) {
    if (typeof text !== 'string') { throw new Error('insert needs a string'); }
    if (text === '') { return this; }
    this.targetLength += text.length;
    const ops = this.ops;
    const last = ops.length - 1;
    if (last >= 0 && isInsert(ops[last])) {
      ops[last] += text;
    } else if (last >= 0 && isDelete(ops[last])) {
      // Canonical order is insert before delete, so equal edits have equal components.
      if (last >= 1 && isInsert(ops[last - 1])) {
        ops[last - 1] += text;
      } else {
        ops.push(ops[last]);
        ops[last] = text;
      }
    } else {
      ops.push(text);
    }
    return this;
  };

  TextOperation.prototype.remove = function (n) {
    if (n === 0) { return this; }
    if (!Number.isInteger(n) || n < 0) { throw new Error('remove needs a positive count'); }
    this.baseLength += n;
    const last = this.ops.length - 1;
    if (last >= 0 && isDelete(this.ops[last])) { this.ops[last] -= n; } else { this.ops.push(-n); }
    return this;
  };

  TextOperation.prototype.isNoop = function () {
    return this.ops.length === 0 || (this.ops.length === 1 && isRetain(this.ops[0]));
  };

  TextOperation.prototype.toJSON = function () { return this.ops.slice(); };

  TextOperation.fromJSON = function (ops) {
    if (!Array.isArray(ops)) { throw new Error('an operation is an array'); }
    const op = new TextOperation();
    ops.forEach(function (c) {
      if (isInsert(c)) { op.insert(c); } else if (isRetain(c)) { op.retain(c); } else if (isDelete(c)) { op.remove(-c); } else {
        throw new Error('unknown component ' + JSON.stringify(c));
      }
    });
    return op;
  };

  TextOperation.prototype.apply = function (text) {
    if (text.length !== this.baseLength) {
      throw new Error('operation expects length ' + this.baseLength + ', text has ' + text.length);
    }
    const parts = [];
    let index = 0;
    this.ops.forEach(function (c) {
      if (isRetain(c)) {
        parts.push(text.slice(index, index + c));
        index += c;
      } else if (isInsert(c)) {
        parts.push(c);
      } else {
        index -= c;
      }
    });
    return parts.join('');
  };

  /** One operation with the effect of this then next. */
  TextOperation.prototype.compose = function (next) {
    if (this.targetLength !== next.baseLength) { throw new Error('compose: lengths do not match'); }
    const result = new TextOperation();
    const a = this.ops;
    const b = next.ops;
    let i = 0;
    let j = 0;
    let x = a[i++];
    let y = b[j++];
    while (x !== undefined || y !== undefined) {
      if (isDelete(x)) { result.remove(-x); x = a[i++]; continue; }
      if (isInsert(y)) { result.insert(y); y = b[j++]; continue; }
      if (x === undefined || y === undefined) { throw new Error('compose: operations do not line up'); }
      if (isRetain(x) && isRetain(y)) {
        const n = Math.min(x, y);
        result.retain(n);
        x = x === n ? a[i++] : x - n;
        y = y === n ? b[j++] : y - n;
      } else if (isInsert(x) && isDelete(y)) {
        const n = Math.min(x.length, -y);
        x = x.length === n ? a[i++] : x.slice(n);
        y = -y === n ? b[j++] : y + n;
      } else if (isInsert(x) && isRetain(y)) {
        const n = Math.min(x.length, y);
        result.insert(x.slice(0, n));
        x = x.length === n ? a[i++] : x.slice(n);
        y = y === n ? b[j++] : y - n;
      } else {
        // retain in x, delete in y
        const n = Math.min(x, -y);
        result.remove(n);
        x = x === n ? a[i++] : x - n;
        y = -y === n ? b[j++] : y + n;
      }
    }
    return result;
  };

  /** For a and b made on the same text: [a', b'] with a then b' equal to b then a'. */
  TextOperation.transform = function (a, b) {
    if (a.baseLength !== b.baseLength) { throw new Error('transform: base lengths differ'); }
    const aPrime = new TextOperation();
    const bPrime = new TextOperation();
    const p = a.ops;
    const q = b.ops;
    let i = 0;
    let j = 0;
    let x = p[i++];
    let y = q[j++];
    while (x !== undefined || y !== undefined) {
      if (isInsert(x)) { aPrime.insert(x); bPrime.retain(x.length); x = p[i++]; continue; }
      if (isInsert(y)) { aPrime.retain(y.length); bPrime.insert(y); y = q[j++]; continue; }
      if (x === undefined || y === undefined) { throw new Error('transform: operations do not line up'); }
      let n;
      if (isRetain(x) && isRetain(y)) {
        n = Math.min(x, y);
        aPrime.retain(n);
        bPrime.retain(n);
        x = x === n ? p[i++] : x - n;
        y = y === n ? q[j++] : y - n;
      } else if (isDelete(x) && isDelete(y)) {
        n = Math.min(-x, -y);
        x = -x === n ? p[i++] : x + n;
        y = -y === n ? q[j++] : y + n;
      } else if (isDelete(x)) {
        n = Math.min(-x, y);
        aPrime.remove(n);
        x = -x === n ? p[i++] : x + n;
        y = y === n ? q[j++] : y - n;
      } else {
        n = Math.min(x, -y);
        bPrime.remove(n);
        x = x === n ? p[i++] : x - n;
        y = -y === n ? q[j++] : y + n;
      }
    }
    return [aPrime, bPrime];
  };

  /**
   * Moves an index through an operation someone else made: text inserted before or at the index
   * pushes it right, deleted text before it pulls it left (the server's Selection rule).
   */
  TextOperation.transformIndex = function (index, op) {
    let remaining = index;
    let result = index;
    for (let k = 0; k < op.ops.length && remaining >= 0; k++) {
      const c = op.ops[k];
      if (isRetain(c)) {
        remaining -= c;
      } else if (isInsert(c)) {
        result += c.length;
      } else {
        result -= Math.min(remaining, -c);
        remaining += c;
      }
    }
    return result;
  };

  function isHigh(code) { return code >= 0xd800 && code <= 0xdbff; }
  function isLow(code) { return code >= 0xdc00 && code <= 0xdfff; }
  function splitsPair(text, index) {
    return index > 0 && index < text.length && isHigh(text.charCodeAt(index - 1)) && isLow(text.charCodeAt(index));
  }

  /**
   * The operation turning before into after. The caret after the edit (caretAfter, optional)
   * places an ambiguous edit ("a" typed after "a"): text after the caret is taken as unchanged.
   * Boundaries never fall inside a surrogate pair, so emoji are replaced whole.
   */
  TextOperation.diff = function (before, after, caretAfter) {
    const max = Math.min(before.length, after.length);
    let suffix = 0;
    while (suffix < max && before.charCodeAt(before.length - 1 - suffix) === after.charCodeAt(after.length - 1 - suffix)) {
      suffix++;
    }
    if (typeof caretAfter === 'number' && caretAfter >= 0 && caretAfter <= after.length) {
      suffix = Math.min(suffix, after.length - caretAfter);
    }
    let prefix = 0;
    while (prefix < max - suffix && before.charCodeAt(prefix) === after.charCodeAt(prefix)) {
      prefix++;
    }
    while (prefix > 0 && (splitsPair(before, prefix) || splitsPair(after, prefix))) { prefix--; }
    while (suffix > 0 && (splitsPair(before, before.length - suffix) || splitsPair(after, after.length - suffix))) {
      suffix--;
    }
    return new TextOperation()
      .retain(prefix)
      .remove(before.length - prefix - suffix)
      .insert(after.slice(prefix, after.length - suffix))
      .retain(suffix);
  };

  global.OT = { TextOperation: TextOperation };
}(this));
