/**
 * Converts a TensorFlow.js graph model (model.json + weight shards, as shipped in @vladmandic/human's
 * `models/`) to an in-memory ONNX model, so the same pretrained weights run on onnxruntime-node's native,
 * multi-threaded CPU kernels instead of the single-threaded TF.js WASM backend.
 *
 * Covers the ops of the MoveNet and CenterNet graphs we use (convolutions with fused bias/activation,
 * elementwise math, resize, pooling, reshapes, arg-max/top-k/gather decoding); anything else is refused by
 * name. TF is NHWC, ONNX convolutions are NCHW: a 4-D tensor made by a convolution stays NCHW through
 * elementwise ops, resizes, pools, channel means and channel concats, and is transposed back only where an
 * op needs TF's layout. Float16-quantised weights are widened to float32.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import onnxProto from 'onnx-proto';

const { onnx } = onnxProto;
/** ONNX element types (TensorProto.DataType). */
const OnnxType = onnx.TensorProto.DataType;
type OnnxElemType = onnxProto.onnx.TensorProto.DataType;
const AttrType = onnx.AttributeProto.AttributeType;

/** Node attributes as the converter writes them: integers, integer lists, strings, floats marked as such. */
type OnnxAttr = number | number[] | string | { float: number } | { floats: number[] };

/** A graph input or output: its element type and (for inputs) its shape, a string being a symbolic dimension. */
export interface OnnxValueInfo {
  name: string;
  type: OnnxElemType;
  dims?: Array<number | string>;
}

export interface ConvertedModel {
  /** Serialised ONNX ModelProto. */
  model: Uint8Array;
  inputs: OnnxValueInfo[];
  /** ONNX output names, in the order asked for (TF node names). */
  outputs: string[];
}

interface TfAttrValue {
  s?: string;
  i?: string;
  f?: number;
  b?: boolean;
  type?: string;
  list?: { i?: string[]; s?: string[]; f?: number[] };
  shape?: { dim?: Array<{ size: string }> };
}

interface TfNode {
  name: string;
  op: string;
  input?: string[];
  attr?: Record<string, TfAttrValue>;
}

interface TfWeight {
  name: string;
  shape: number[];
  dtype: 'float32' | 'int32' | 'bool';
  quantization?: { dtype: 'float16' | 'uint8' | 'uint16'; scale?: number; min?: number };
}

interface ModelJson {
  modelTopology: { node: TfNode[] };
  weightsManifest: Array<{ paths: string[]; weights: TfWeight[] }>;
  signature?: { outputs?: Record<string, { name: string }> };
}

interface ConstValue {
  type: OnnxElemType;
  dims: number[];
  data: Float32Array | Int32Array | Uint8Array;
}

const OPSET = 18;
const TO_NCHW = [0, 3, 1, 2];
const TO_NHWC = [0, 2, 3, 1];
/** Position of an NHWC axis in NCHW. */
const NHWC_AXIS_IN_NCHW = [0, 2, 3, 1];
const INT64_MAX = 9223372036854775807n;
const INT64_MIN = -9223372036854775808n;

function tfType(t: string | undefined): OnnxElemType {
  switch (t) {
    case 'DT_FLOAT': return OnnxType.FLOAT;
    case 'DT_INT32': return OnnxType.INT32;
    case 'DT_INT64': return OnnxType.INT64;
    case 'DT_BOOL': return OnnxType.BOOL;
    case 'DT_UINT8': return OnnxType.UINT8;
    default: throw new Error(`unsupported TF dtype ${t}`);
  }
}

function halfToFloat(h: number): number {
  const s = h & 0x8000 ? -1 : 1;
  const e = (h >> 10) & 0x1f;
  const f = h & 0x3ff;
  if (e === 0) return s * f * 2 ** -24;
  if (e === 31) return f ? NaN : s * Infinity;
  return s * (1 + f / 1024) * 2 ** (e - 15);
}

/** Weight values by Const node name. */
function readWeights(jsonPath: string, j: ModelJson): Map<string, ConstValue> {
  const dir = path.dirname(jsonPath);
  const out = new Map<string, ConstValue>();
  for (const group of j.weightsManifest) {
    const bytes = Buffer.concat(group.paths.map((p) => readFileSync(path.join(dir, p))));
    const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    let off = 0;
    for (const w of group.weights) {
      const n = w.shape.reduce((a, b) => a * b, 1);
      const q = w.quantization;
      if (w.dtype === 'float32') {
        const data = new Float32Array(n);
        if (!q) for (let i = 0; i < n; i++) data[i] = view.getFloat32(off + 4 * i, true);
        else if (q.dtype === 'float16') for (let i = 0; i < n; i++) data[i] = halfToFloat(view.getUint16(off + 2 * i, true));
        else if (q.dtype === 'uint8') for (let i = 0; i < n; i++) data[i] = q.min! + q.scale! * view.getUint8(off + i);
        else for (let i = 0; i < n; i++) data[i] = q.min! + q.scale! * view.getUint16(off + 2 * i, true);
        off += n * (!q ? 4 : q.dtype === 'uint8' ? 1 : 2);
        out.set(w.name, { type: OnnxType.FLOAT, dims: w.shape, data });
      } else if (w.dtype === 'int32') {
        if (q) throw new Error(`quantised int32 weight ${w.name} is not supported`);
        const data = new Int32Array(n);
        for (let i = 0; i < n; i++) data[i] = view.getInt32(off + 4 * i, true);
        off += 4 * n;
        out.set(w.name, { type: OnnxType.INT32, dims: w.shape, data });
      } else if (w.dtype === 'bool') {
        out.set(w.name, { type: OnnxType.BOOL, dims: w.shape, data: new Uint8Array(bytes.subarray(off, off + n)) });
        off += n;
      } else {
        throw new Error(`unsupported weight dtype ${String(w.dtype)} (${w.name})`);
      }
    }
  }
  return out;
}

function rawOf(c: ConstValue): Uint8Array {
  return new Uint8Array(c.data.buffer, c.data.byteOffset, c.data.byteLength);
}

function int64Raw(values: ReadonlyArray<number | bigint>): Uint8Array {
  const a = new BigInt64Array(values.length);
  values.forEach((v, i) => { a[i] = BigInt(v); });
  return new Uint8Array(a.buffer);
}

function decodeS(a: TfAttrValue | undefined): string {
  return a?.s ? Buffer.from(a.s, 'base64').toString('utf8') : '';
}

function ints(a: TfAttrValue | undefined): number[] {
  return (a?.list?.i ?? []).map(Number);
}

/** A TF tensor reference ("node", "node:1") as its ONNX value name and physical layout. */
interface Value {
  name: string;
  nchw: boolean;
}

/** Convert the graph; `outputs` are TF node names (default: the model signature's outputs). */
export function convertTfjsGraph(jsonPath: string, outputs?: string[]): ConvertedModel {
  const j = JSON.parse(readFileSync(jsonPath, 'utf8')) as ModelJson;
  const consts = readWeights(jsonPath, j);
  const nodes = new Map(j.modelTopology.node.map((n) => [n.name, n]));
  const wanted = outputs ?? Object.values(j.signature?.outputs ?? {}).map((o) => o.name.replace(/:0$/, ''));
  if (!wanted.length) throw new Error(`${path.basename(jsonPath)}: no outputs named`);

  const onnxNodes: onnxProto.onnx.INodeProto[] = [];
  const initializers = new Map<string, onnxProto.onnx.ITensorProto>();
  const inputs: OnnxValueInfo[] = [];
  const values = new Map<string, Value>();
  const memo = new Map<string, string>();
  let counter = 0;

  const fresh = (base: string) => `${base}__${++counter}`;
  const emit = (op: string, ins: string[], outs: string[], attrs?: Record<string, OnnxAttr>) => {
    onnxNodes.push({ opType: op, input: ins, output: outs, name: fresh(op), attribute: Object.entries(attrs ?? {}).map(([k, v]) => attribute(k, v)) });
    return outs;
  };
  const initializer = (name: string, type: OnnxElemType, dims: number[], raw: Uint8Array): string => {
    if (!initializers.has(name)) initializers.set(name, { name, dataType: type, dims, rawData: raw });
    return name;
  };
  const int64Const = (values: ReadonlyArray<number | bigint>, dims: number[] = [values.length]) =>
    initializer(`i64_${values.join('_')}_d${dims.length}`, OnnxType.INT64, dims, int64Raw(values));
  const floatConst = (v: number) => initializer(`f32_${v}`, OnnxType.FLOAT, [], new Uint8Array(new Float32Array([v]).buffer));

  const refName = (ref: string) => ref.replace(/:0$/, '');
  const constOf = (ref: string): ConstValue | undefined => {
    const n = nodes.get(refName(ref).split(':')[0]!);
    return n?.op === 'Const' ? consts.get(n.name) : undefined;
  };
  const constInts = (ref: string): number[] => {
    const c = constOf(ref);
    if (!c || c.type !== OnnxType.INT32) throw new Error(`expected an int32 constant at ${ref}`);
    return Array.from(c.data as Int32Array);
  };

  const value = (ref: string): Value => {
    const key = refName(ref);
    const v = values.get(key);
    if (v) return v;
    const c = constOf(key);
    if (!c) throw new Error(`tensor ${ref} used before it is defined`);
    const cv = { name: initializer(key, c.type, c.dims, rawOf(c)), nchw: false };
    values.set(key, cv);
    return cv;
  };
  const transposed = (v: Value, perm: number[], suffix: string): string => {
    const key = `${v.name}__${suffix}`;
    let name = memo.get(key);
    if (!name) {
      name = key;
      emit('Transpose', [v.name], [name], { perm });
      memo.set(key, name);
    }
    return name;
  };
  /** The tensor in TF's own layout. */
  const tf = (ref: string): string => {
    const v = value(ref);
    return v.nchw ? transposed(v, TO_NHWC, 'nhwc') : v.name;
  };
  /** A 4-D tensor in NCHW. */
  const nchw = (ref: string): string => {
    const v = value(ref);
    return v.nchw ? v.name : transposed(v, TO_NCHW, 'nchw');
  };
  const define = (node: TfNode, names: string[], isNchw: boolean) => {
    names.forEach((n, k) => values.set(k === 0 ? node.name : `${node.name}:${k}`, { name: n, nchw: isNchw }));
  };
  const out = (node: TfNode, k = 0) => (k === 0 ? node.name : `${node.name}:${k}`);

  /** Conv / depthwise conv with optional bias and activation, NCHW in and out. */
  const convolution = (node: TfNode, depthwise: boolean, fused: string[]) => {
    const a = node.attr ?? {};
    if (decodeS(a.data_format) && decodeS(a.data_format) !== 'NHWC') throw new Error(`${node.name}: only NHWC convolutions are supported`);
    const [xRef, fRef, bRef] = node.input!;
    const f = constOf(fRef!);
    if (!f) throw new Error(`${node.name}: the filter is not a constant`);
    const [kh, kw, cin, m] = f.dims as [number, number, number, number];
    const src = f.data as Float32Array;
    // TF filters: HWIO (conv) or HWCM (depthwise); ONNX: OIHW, depthwise as groups of one input channel.
    const outCh = depthwise ? cin * m : m;
    const inPerGroup = depthwise ? 1 : cin;
    const w = new Float32Array(outCh * inPerGroup * kh * kw);
    for (let y = 0; y < kh; y++) for (let x = 0; x < kw; x++) for (let i = 0; i < cin; i++) for (let o = 0; o < m; o++) {
      const s = ((y * kw + x) * cin + i) * m + o;
      const oc = depthwise ? i * m + o : o;
      const ic = depthwise ? 0 : i;
      w[((oc * inPerGroup + ic) * kh + y) * kw + x] = src[s]!;
    }
    const wName = initializer(`${node.name}__w`, OnnxType.FLOAT, [outCh, inPerGroup, kh, kw], new Uint8Array(w.buffer));
    const attrs: Record<string, OnnxAttr> = {
      kernel_shape: [kh, kw],
      strides: ints(a.strides).slice(1, 3).length ? ints(a.strides).slice(1, 3) : [1, 1],
      dilations: ints(a.dilations).slice(1, 3).length ? ints(a.dilations).slice(1, 3) : [1, 1],
    };
    if (depthwise) attrs.group = cin;
    const padding = decodeS(a.padding);
    if (padding === 'SAME') attrs.auto_pad = 'SAME_UPPER';
    else if (padding === 'VALID') attrs.auto_pad = 'VALID';
    else if (padding === 'EXPLICIT') {
      const p = ints(a.explicit_paddings); // [n0,n1,h0,h1,w0,w1,c0,c1]
      attrs.pads = [p[2] ?? 0, p[4] ?? 0, p[3] ?? 0, p[5] ?? 0];
    } else throw new Error(`${node.name}: padding ${padding} is not supported`);
    const ins = [nchw(xRef!), wName];
    const ops = [...fused];
    if (ops[0] === 'BiasAdd') {
      ins.push(value(bRef!).name);
      ops.shift();
    }
    let y = emit('Conv', ins, [ops.length ? fresh(node.name) : node.name], attrs)[0]!;
    for (const op of ops) {
      const last = op === ops[ops.length - 1];
      const name = last ? node.name : fresh(node.name);
      if (op === 'Relu') y = emit('Relu', [y], [name])[0]!;
      else if (op === 'Relu6') y = emit('Clip', [y, floatConst(0), floatConst(6)], [name])[0]!;
      else throw new Error(`${node.name}: fused op ${op} is not supported`);
    }
    define(node, [y], true);
  };

  /** A constant broadcast against an NCHW tensor: scalars stay, [C] and [1,1,1,C] become [1,C,1,1]. */
  const nchwBroadcastConst = (ref: string): string | null => {
    const c = constOf(ref);
    if (!c) return null;
    const size = c.data.length;
    if (c.dims.length === 0 || size === 1) return value(ref).name;
    const channelOnly = c.dims.length === 1 || (c.dims.length === 4 && c.dims[0] === 1 && c.dims[1] === 1 && c.dims[2] === 1);
    if (!channelOnly) return null;
    return initializer(`${refName(ref)}__c11`, c.type, [1, size, 1, 1], rawOf(c));
  };

  /** Inputs of an elementwise op: all NCHW when that is possible without a transpose, else all TF layout. */
  const elementwiseInputs = (refs: string[]): { names: string[]; nchw: boolean } => {
    const vs = refs.map((r) => value(r));
    if (vs.some((v) => v.nchw)) {
      const names = refs.map((r, i) => (vs[i]!.nchw ? vs[i]!.name : nchwBroadcastConst(r)));
      if (names.every((n) => n !== null)) return { names: names as string[], nchw: true };
    }
    return { names: refs.map(tf), nchw: false };
  };

  const binary: Record<string, string> = { Add: 'Add', AddV2: 'Add', Sub: 'Sub', Mul: 'Mul', RealDiv: 'Div', Equal: 'Equal', Maximum: 'Max', Minimum: 'Min', Greater: 'Greater', Less: 'Less' };
  const unary: Record<string, string> = { Relu: 'Relu', Sigmoid: 'Sigmoid', Sqrt: 'Sqrt', Identity: 'Identity', Exp: 'Exp', Tanh: 'Tanh', Floor: 'Floor', Neg: 'Neg' };

  const convertNode = (node: TfNode) => {
    const a = node.attr ?? {};
    const ins = (node.input ?? []).filter((r) => !r.startsWith('^'));
    const op = node.op;
    if (op === 'Const') return;
    if (op === 'Placeholder') {
      const dims = (a.shape?.shape?.dim ?? []).map((d, i) => (Number(d.size) >= 0 ? Number(d.size) : `d${i}`));
      inputs.push({ name: node.name, type: tfType(a.dtype?.type), dims });
      define(node, [node.name], false);
      return;
    }
    if (op === '_FusedConv2D') return convolution(node, false, (a.fused_ops?.list?.s ?? []).map((s) => Buffer.from(s, 'base64').toString('utf8')));
    if (op === 'FusedDepthwiseConv2dNative') return convolution(node, true, (a.fused_ops?.list?.s ?? []).map((s) => Buffer.from(s, 'base64').toString('utf8')));
    if (op === 'Conv2D') return convolution(node, false, []);
    if (op === 'DepthwiseConv2dNative') return convolution(node, true, []);
    if (unary[op]) {
      const v = value(ins[0]!);
      return define(node, emit(unary[op]!, [v.name], [node.name]), v.nchw);
    }
    if (op === 'Relu6') {
      const v = value(ins[0]!);
      return define(node, emit('Clip', [v.name, floatConst(0), floatConst(6)], [node.name]), v.nchw);
    }
    if (op === 'Cast') {
      const v = value(ins[0]!);
      return define(node, emit('Cast', [v.name], [node.name], { to: tfType(a.DstT?.type) }), v.nchw);
    }
    if (binary[op]) {
      const e = elementwiseInputs(ins);
      return define(node, emit(binary[op]!, e.names, [node.name]), e.nchw);
    }
    if (op === 'SquaredDifference') {
      const e = elementwiseInputs(ins);
      const d = emit('Sub', e.names, [fresh(node.name)])[0]!;
      return define(node, emit('Mul', [d, d], [node.name]), e.nchw);
    }
    if (op === 'FloorDiv' || op === 'FloorMod') {
      const e = elementwiseInputs(ins);
      const [x, y] = e.names as [string, string];
      const isInt = constOf(ins[1]!)?.type === OnnxType.INT32 || a.T?.type === 'DT_INT32';
      let r: string;
      if (isInt) {
        // ONNX integer Mod with fmod=0 takes the divisor's sign, as TF's FloorMod does.
        const mod = emit('Mod', [x, y], [op === 'FloorMod' ? node.name : fresh(node.name)], { fmod: 0 })[0]!;
        r = op === 'FloorMod' ? mod : emit('Div', [emit('Sub', [x, mod], [fresh(node.name)])[0]!, y], [node.name])[0]!;
      } else {
        const q = emit('Floor', [emit('Div', [x, y], [fresh(node.name)])[0]!], [op === 'FloorDiv' ? node.name : fresh(node.name)])[0]!;
        r = op === 'FloorDiv' ? q : emit('Sub', [x, emit('Mul', [q, y], [fresh(node.name)])[0]!], [node.name])[0]!;
      }
      return define(node, [r], e.nchw);
    }
    if (op === 'ResizeBilinear') {
      const [h, w] = constInts(ins[1]!);
      const mode = a.align_corners?.b ? 'align_corners' : a.half_pixel_centers?.b ? 'half_pixel' : 'asymmetric';
      return define(node, emit('Resize', [nchw(ins[0]!), '', '', int64Const([h!, w!])], [node.name], {
        mode: 'linear', coordinate_transformation_mode: mode, axes: [2, 3],
      }), true);
    }
    if (op === 'MaxPool') {
      const padding = decodeS(a.padding);
      return define(node, emit('MaxPool', [nchw(ins[0]!)], [node.name], {
        kernel_shape: ints(a.ksize).slice(1, 3), strides: ints(a.strides).slice(1, 3), auto_pad: padding === 'SAME' ? 'SAME_UPPER' : 'VALID',
      }), true);
    }
    if (op === 'Mean') {
      const axes = constInts(ins[1]!);
      const keep = a.keep_dims?.b ? 1 : 0;
      const v = value(ins[0]!);
      if (v.nchw && keep) {
        const mapped = axes.map((x) => NHWC_AXIS_IN_NCHW[(x + 4) % 4]!);
        return define(node, emit('ReduceMean', [v.name, int64Const(mapped)], [node.name], { keepdims: 1 }), true);
      }
      return define(node, emit('ReduceMean', [tf(ins[0]!), int64Const(axes)], [node.name], { keepdims: keep }), false);
    }
    if (op === 'Reshape') {
      const shape = constOf(ins[1]!) ? int64Const(constInts(ins[1]!)) : emit('Cast', [tf(ins[1]!)], [fresh(node.name)], { to: OnnxType.INT64 })[0]!;
      return define(node, emit('Reshape', [tf(ins[0]!), shape], [node.name]), false);
    }
    if (op === 'ExpandDims') {
      return define(node, emit('Unsqueeze', [tf(ins[0]!), int64Const(constInts(ins[1]!))], [node.name]), false);
    }
    if (op === 'Squeeze') {
      const dims = ints(a.squeeze_dims);
      return define(node, emit('Squeeze', dims.length ? [tf(ins[0]!), int64Const(dims)] : [tf(ins[0]!)], [node.name]), false);
    }
    if (op === 'Unpack') {
      const axis = Number(a.axis?.i ?? 0);
      const num = Number(a.num?.i ?? 1);
      const x = tf(ins[0]!);
      const parts = num === 1 ? [x] : emit('Split', [x], Array.from({ length: num }, () => fresh(node.name)), { axis, num_outputs: num });
      return define(node, parts.map((p, k) => emit('Squeeze', [p, int64Const([axis])], [out(node, k)])[0]!), false);
    }
    if (op === 'Pack') {
      const axis = Number(a.axis?.i ?? 0);
      const parts = ins.map((r) => emit('Unsqueeze', [tf(r), int64Const([axis])], [fresh(node.name)])[0]!);
      return define(node, emit('Concat', parts, [node.name], { axis }), false);
    }
    if (op === 'ConcatV2') {
      const data = ins.slice(0, -1);
      const axis = constInts(ins[ins.length - 1]!)[0]!;
      if (data.every((r) => value(r).nchw)) {
        return define(node, emit('Concat', data.map((r) => value(r).name), [node.name], { axis: NHWC_AXIS_IN_NCHW[(axis + 4) % 4]! }), true);
      }
      return define(node, emit('Concat', data.map(tf), [node.name], { axis }), false);
    }
    if (op === 'ArgMax') {
      const axis = constInts(ins[1]!)[0]!;
      const outType = a.output_type?.type ?? 'DT_INT64';
      const idx = emit('ArgMax', [tf(ins[0]!)], [outType === 'DT_INT64' ? node.name : fresh(node.name)], { axis, keepdims: 0 })[0]!;
      return define(node, outType === 'DT_INT64' ? [idx] : emit('Cast', [idx], [node.name], { to: tfType(outType) }), false);
    }
    if (op === 'GatherNd') {
      const idx = emit('Cast', [tf(ins[1]!)], [fresh(node.name)], { to: OnnxType.INT64 })[0]!;
      return define(node, emit('GatherND', [tf(ins[0]!), idx], [node.name]), false);
    }
    if (op === 'GatherV2') {
      if (Number(a.batch_dims?.i ?? 0) !== 0) throw new Error(`${node.name}: GatherV2 with batch_dims is not supported`);
      const axis = constInts(ins[2]!)[0]!;
      return define(node, emit('Gather', [tf(ins[0]!), tf(ins[1]!)], [node.name], { axis }), false);
    }
    if (op === 'TopKV2') {
      const k = constInts(ins[1]!)[0]!;
      const [vals, idx] = emit('TopK', [tf(ins[0]!), int64Const([k])], [node.name, fresh(node.name)], { axis: -1, largest: 1, sorted: 1 });
      const idx32 = emit('Cast', [idx!], [out(node, 1)], { to: tfType(a.index_type?.type ?? 'DT_INT32') })[0]!;
      return define(node, [vals!, idx32], false);
    }
    if (op === 'StridedSlice') {
      if (Number(a.ellipsis_mask?.i ?? 0) || Number(a.new_axis_mask?.i ?? 0)) throw new Error(`${node.name}: StridedSlice with ellipsis or new axes is not supported`);
      const begin = constInts(ins[1]!), end = constInts(ins[2]!), strides = constInts(ins[3]!);
      const bm = Number(a.begin_mask?.i ?? 0), em = Number(a.end_mask?.i ?? 0), sm = Number(a.shrink_axis_mask?.i ?? 0);
      const starts: bigint[] = [], ends: bigint[] = [], axes: number[] = [], shrink: number[] = [];
      begin.forEach((b, i) => {
        const s = strides[i] ?? 1;
        axes.push(i);
        if (sm & (1 << i)) {
          starts.push(BigInt(b));
          ends.push(b === -1 ? INT64_MAX : BigInt(b + 1));
          shrink.push(i);
          return;
        }
        starts.push(bm & (1 << i) ? (s > 0 ? 0n : INT64_MAX) : BigInt(b));
        ends.push(em & (1 << i) ? (s > 0 ? INT64_MAX : INT64_MIN) : BigInt(end[i]!));
      });
      const sliced = emit('Slice', [tf(ins[0]!), int64Const(starts), int64Const(ends), int64Const(axes), int64Const(begin.map((_, i) => (sm & (1 << i) ? 1 : strides[i] ?? 1)))],
        [shrink.length ? fresh(node.name) : node.name])[0]!;
      return define(node, shrink.length ? emit('Squeeze', [sliced, int64Const(shrink)], [node.name]) : [sliced], false);
    }
    throw new Error(`TF op ${op} (${node.name}) is not supported by the ONNX converter`);
  };

  // Depth-first from the outputs: only what they need, each node after its inputs.
  const done = new Set<string>();
  const visit = (name: string, stack: Set<string>) => {
    if (done.has(name)) return;
    const node = nodes.get(name);
    if (!node) throw new Error(`${path.basename(jsonPath)}: no node ${name}`);
    if (stack.has(name)) throw new Error(`${path.basename(jsonPath)}: cycle at ${name}`);
    stack.add(name);
    for (const r of node.input ?? []) visit(r.replace(/^\^/, '').split(':')[0]!, stack);
    stack.delete(name);
    done.add(name);
    convertNode(node);
  };
  const outNames: string[] = [];
  for (const o of wanted) {
    visit(o.split(':')[0]!, new Set());
    outNames.push(tf(o));
  }
  // ONNX graph outputs carry the TF names.
  const graphOutputs: OnnxValueInfo[] = wanted.map((o, i) => {
    const name = `${refName(o)}__out`;
    emit('Identity', [outNames[i]!], [name]);
    return { name, type: OnnxType.FLOAT };
  });
  const model = onnx.ModelProto.encode({
    irVersion: 8,
    producerName: 'semioscope tfjsGraphToOnnx',
    opsetImport: [{ domain: '', version: OPSET }],
    graph: {
      name: path.basename(jsonPath, '.json'),
      node: onnxNodes,
      initializer: [...initializers.values()],
      input: inputs.map(valueInfo),
      output: graphOutputs.map(valueInfo),
    },
  }).finish();
  return { model, inputs, outputs: graphOutputs.map((g) => g.name) };
}

function attribute(name: string, value: OnnxAttr): onnxProto.onnx.IAttributeProto {
  if (typeof value === 'number') {
    if (!Number.isInteger(value)) throw new Error(`ONNX attribute ${name}: ${value} is not an integer (use { float })`);
    return { name, type: AttrType.INT, i: value };
  }
  if (typeof value === 'string') return { name, type: AttrType.STRING, s: new TextEncoder().encode(value) };
  if (Array.isArray(value)) return { name, type: AttrType.INTS, ints: value };
  if ('float' in value) return { name, type: AttrType.FLOAT, f: value.float };
  return { name, type: AttrType.FLOATS, floats: value.floats };
}

function valueInfo(v: OnnxValueInfo): onnxProto.onnx.IValueInfoProto {
  const dims = v.dims?.map((d) => (typeof d === 'number' ? { dimValue: d } : { dimParam: d }));
  return { name: v.name, type: { tensorType: { elemType: v.type, ...(dims ? { shape: { dim: dims } } : {}) } } };
}
