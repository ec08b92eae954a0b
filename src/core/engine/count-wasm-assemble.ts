/**
 * @module The assembler of count-wasm.ts's WebAssembly module: smaa.ts's countDraws written out, byte by byte (no
 * toolchain), from the same steps in the same order. The CLI does not run this (building the bytes cold cost about
 * 5 ms); count-wasm.ts holds its output, and count-wasm.test.ts checks the two agree (run
 * `npx tsx scripts/count-wasm.ts` after a change here to print the new bytes).
 */
// Opcodes (WebAssembly 1.0).
const BLOCK = 0x02;
const LOOP = 0x03;
const IF = 0x04;
const ELSE = 0x05;
const END = 0x0b;
const BR = 0x0c;
const BR_IF = 0x0d;
const GET = 0x20;
const SET = 0x21;
const I32_LOAD = 0x28;
const F64_LOAD = 0x2b;
const I32_STORE = 0x36;
const F64_STORE = 0x39;
const I32_CONST = 0x41;
const F64_CONST = 0x44;
const I32_EQZ = 0x45;
const I32_EQ = 0x46;
const I32_NE = 0x47;
const I32_GE_S = 0x4e;
const I32_GT_S = 0x4a;
const F64_LT = 0x63;
const F64_GE = 0x66;
const I32_ADD = 0x6a;
const I32_SUB = 0x6b;
const I32_MUL = 0x6c;
const I32_AND = 0x71;
const I32_SHL = 0x74;
const F64_ADD = 0xa0;
const F64_MUL = 0xa2;
const SELECT = 0x1b;
const VOID = 0x40;
const I32 = 0x7f;
const F64 = 0x7c;

type Code = number[];

function uleb(value: number): Code {
  const out: Code = [];
  let v = value >>> 0;
  do {
    const byte = v & 0x7f;
    v >>>= 7;
    out.push(v === 0 ? byte : byte | 0x80);
  } while (v !== 0);
  return out;
}

function sleb(value: number): Code {
  const out: Code = [];
  let v = value | 0;
  for (;;) {
    const byte = v & 0x7f;
    v >>= 7;
    const done = (v === 0 && (byte & 0x40) === 0) || (v === -1 && (byte & 0x40) !== 0);
    out.push(done ? byte : byte | 0x80);
    if (done) return out;
  }
}

const f64Const = (value: number): Code => [F64_CONST, ...new Uint8Array(new Float64Array([value]).buffer)];
const i32Const = (value: number): Code => [I32_CONST, ...sleb(value)];
const get = (local: number): Code => [GET, ...uleb(local)];
const set = (local: number, value: Code): Code => [...value, SET, ...uleb(local)];
/** The address of element `index` (an i32 expression) of the array at byte offset `base` (a local), `shift` = log2 of its element size. */
const address = (base: number, index: Code, shift: number): Code => [
  ...get(base),
  ...index,
  ...i32Const(shift),
  I32_SHL,
  I32_ADD,
];
const f64At = (base: number, index: Code): Code => [...address(base, index, 3), F64_LOAD, 3, 0];
const i32At = (base: number, index: Code): Code => [...address(base, index, 2), I32_LOAD, 2, 0];
/** array[index] += 1 for an i32 array. */
const increment = (base: number, index: Code): Code => [
  ...address(base, index, 2),
  ...i32At(base, index),
  ...i32Const(1),
  I32_ADD,
  I32_STORE,
  2,
  0,
];
const add = (a: Code, b: Code): Code => [...a, ...b, I32_ADD];
/** for (i = from; i < to; i++) body */
const forLoop = (i: number, from: Code, to: Code, body: Code): Code => [
  ...set(i, from),
  BLOCK,
  VOID,
  LOOP,
  VOID,
  ...get(i),
  ...to,
  I32_GE_S,
  BR_IF,
  1,
  ...body,
  ...set(i, add(get(i), i32Const(1))),
  BR,
  0,
  END,
  END,
];
const shl3 = (value: Code): Code => [...value, ...i32Const(3), I32_SHL];
const loadAt = (pointer: number): Code => [...get(pointer), F64_LOAD, 3, 0];
/**
 * The loop over the criteria with byte pointers instead of indices (fewer instructions for the baseline compiler):
 * while (pointers[0] < end) { body; every pointer += 8 }.
 */
const criteriaLoop = (pointers: number[], end: number, body: Code): Code => [
  BLOCK,
  VOID,
  LOOP,
  VOID,
  ...get(pointers[0] as number),
  ...get(end),
  I32_GE_S,
  BR_IF,
  1,
  ...body,
  ...pointers.flatMap((p) => set(p, add(get(p), i32Const(8)))),
  BR,
  0,
  END,
  END,
];
const ifThen = (condition: Code, then: Code, otherwise?: Code): Code =>
  otherwise === undefined
    ? [...condition, IF, VOID, ...then, END]
    : [...condition, IF, VOID, ...then, ELSE, ...otherwise, END];

// Parameters, in the order count() takes them.
const P_FROM = 0;
const P_TO = 1;
const P_N = 2;
const P_GROUPS = 3;
const P_SPREAD = 4; // f64
const P_WITH_ONLY = 5;
const P_WIDTH = 6;
const P_DATA = 7;
const P_CUMULATIVE = 8;
const P_P = 9;
const P_Q = 10;
const P_FACTORS = 11;
const P_DISTINCT = 12;
const P_DISTINCT_COUNT = 13;
const P_FIXED = 14;
const P_SOFT_START = 15;
const P_SOFT_LN = 16;
const P_SOFT_SD = 17;
const P_SOFT_GC = 18;
const P_UNIT_GO = 19;
const P_COUNTS = 20;
const PARAMS = [I32, I32, I32, I32, F64, ...Array.from({ length: 16 }, () => I32)];
// Locals after the parameters: i32s, then f64s.
const I32_LOCALS = [
  'S',
  'ROW',
  'G',
  'K',
  'U',
  'F0',
  'J',
  'SOFT_END',
  'BASE',
  'Z',
  'ANY_GO',
  'ANY_RUST',
  'ONLY_GO',
  'ONLY_RUST',
  'GATED_FULL',
  'GATED_ONLY',
  'PF',
  'PP',
  'PQ',
  'PD',
  'PEND',
] as const;
const F64_LOCALS = ['Z_GC', 'Z_MEM', 'PICK', 'M', 'MO', 'LN'] as const;
const L = Object.fromEntries([
  ...I32_LOCALS.map((name, i) => [name, PARAMS.length + i]),
  ...F64_LOCALS.map((name, i) => [name, PARAMS.length + I32_LOCALS.length + i]),
]) as Record<(typeof I32_LOCALS)[number] | (typeof F64_LOCALS)[number], number>;

/** countDraws, step for step (smaa.ts). */
function countBody(): Code {
  const n = get(P_N);
  const row = get(L.ROW);
  const columnAfter = (extra: number) => add(row, add([...n, ...i32Const(2), I32_MUL], i32Const(extra)));
  const oneUnit: Code = [
    ...set(L.U, i32At(P_DISTINCT, get(L.K))),
    ...set(L.F0, i32At(P_FIXED, get(L.U))),
    ...ifThen(
      [...get(L.F0), ...i32Const(0), I32_NE],
      ifThen(
        [...get(L.F0), ...i32Const(1), I32_EQ],
        [...set(L.ANY_GO, i32Const(1)), ...set(L.ONLY_GO, i32Const(1)), ...increment(P_UNIT_GO, get(L.U))],
        [...set(L.ANY_RUST, i32Const(1)), ...set(L.ONLY_RUST, i32Const(1))],
      ),
      [
        ...set(L.GATED_FULL, i32Const(0)),
        ...set(L.GATED_ONLY, i32Const(0)),
        ...set(L.SOFT_END, i32At(P_SOFT_START, add(get(L.U), i32Const(1)))),
        ...forLoop(L.J, i32At(P_SOFT_START, get(L.U)), get(L.SOFT_END), [
          ...set(L.LN, f64At(P_SOFT_LN, get(L.J))),
          // ln < sd * (gc ? zGc : zMem)
          ...ifThen(
            [
              ...get(L.LN),
              ...f64At(P_SOFT_SD, get(L.J)),
              ...get(L.Z_GC),
              ...get(L.Z_MEM),
              ...i32At(P_SOFT_GC, get(L.J)),
              ...i32Const(1),
              I32_EQ,
              SELECT,
              F64_MUL,
              F64_LT,
            ],
            set(L.GATED_FULL, i32Const(1)),
          ),
          ...ifThen([...get(L.LN), ...f64Const(0), F64_LT], set(L.GATED_ONLY, i32Const(1))),
        ]),
        ...set(L.BASE, [...add([...get(L.U), ...get(P_GROUPS), I32_MUL], get(L.G)), ...n, I32_MUL]),
        ...ifThen(get(L.GATED_FULL), set(L.ANY_RUST, i32Const(1)), [
          ...set(L.M, f64Const(0)),
          ...set(L.Z, add(row, n)),
          // m += factors[c] * (P[base + c] + Q[base + c] * data[z + c])
          ...set(L.PF, get(P_FACTORS)),
          ...set(L.PP, add(get(P_P), shl3(get(L.BASE)))),
          ...set(L.PQ, add(get(P_Q), shl3(get(L.BASE)))),
          ...set(L.PD, add(get(P_DATA), shl3(get(L.Z)))),
          ...criteriaLoop([L.PF, L.PP, L.PQ, L.PD], L.PEND, [
            ...get(L.M),
            ...loadAt(L.PF),
            ...loadAt(L.PP),
            ...loadAt(L.PQ),
            ...loadAt(L.PD),
            F64_MUL,
            F64_ADD,
            F64_MUL,
            F64_ADD,
            SET,
            ...uleb(L.M),
          ]),
          ...ifThen([...get(L.M), ...f64Const(0), F64_LT], set(L.ANY_RUST, i32Const(1)), [
            ...set(L.ANY_GO, i32Const(1)),
            ...increment(P_UNIT_GO, get(L.U)),
          ]),
        ]),
        ...ifThen(
          get(P_WITH_ONLY),
          ifThen(get(L.GATED_ONLY), set(L.ONLY_RUST, i32Const(1)), [
            ...set(L.MO, f64Const(0)),
            // mo += factors[c] * P[base + c]
            ...set(L.PF, get(P_FACTORS)),
            ...set(L.PP, add(get(P_P), shl3(get(L.BASE)))),
            ...criteriaLoop([L.PF, L.PP], L.PEND, [
              ...get(L.MO),
              ...loadAt(L.PF),
              ...loadAt(L.PP),
              F64_MUL,
              F64_ADD,
              SET,
              ...uleb(L.MO),
            ]),
            ...ifThen(
              [...get(L.MO), ...f64Const(0), F64_LT],
              set(L.ONLY_RUST, i32Const(1)),
              set(L.ONLY_GO, i32Const(1)),
            ),
          ]),
        ),
      ],
    ),
  ];
  const tally = (first: number, go: number, rust: number): Code =>
    ifThen(
      [...get(go), ...get(rust), I32_AND],
      increment(P_COUNTS, i32Const(first + 2)),
      ifThen(get(rust), increment(P_COUNTS, i32Const(first + 1)), increment(P_COUNTS, i32Const(first))),
    );
  const oneDraw: Code = [
    ...set(L.ROW, [...get(L.S), ...get(P_WIDTH), I32_MUL]),
    ...set(L.Z_GC, f64At(P_DATA, columnAfter(0))),
    ...set(L.Z_MEM, f64At(P_DATA, columnAfter(1))),
    ...set(L.G, i32Const(0)),
    ...ifThen(
      [...get(P_GROUPS), ...i32Const(1), I32_GT_S],
      [
        ...set(L.PICK, f64At(P_DATA, columnAfter(2))),
        // while (g < groups - 1 && pick >= cumulative[g]) g++
        BLOCK,
        VOID,
        LOOP,
        VOID,
        ...get(L.G),
        ...get(P_GROUPS),
        ...i32Const(1),
        I32_SUB,
        I32_GE_S,
        BR_IF,
        1,
        ...get(L.PICK),
        ...f64At(P_CUMULATIVE, get(L.G)),
        F64_GE,
        I32_EQZ,
        BR_IF,
        1,
        ...set(L.G, add(get(L.G), i32Const(1))),
        BR,
        0,
        END,
        END,
      ],
    ),
    // factors[c] = 1 + spread * data[row + c]
    ...set(L.PEND, add(get(P_FACTORS), shl3(n))),
    ...set(L.PF, get(P_FACTORS)),
    ...set(L.PD, add(get(P_DATA), shl3(row))),
    ...criteriaLoop([L.PF, L.PD], L.PEND, [
      ...get(L.PF),
      ...f64Const(1),
      ...get(P_SPREAD),
      ...loadAt(L.PD),
      F64_MUL,
      F64_ADD,
      F64_STORE,
      3,
      0,
    ]),
    ...set(L.ANY_GO, i32Const(0)),
    ...set(L.ANY_RUST, i32Const(0)),
    ...set(L.ONLY_GO, i32Const(0)),
    ...set(L.ONLY_RUST, i32Const(0)),
    ...forLoop(L.K, i32Const(0), get(P_DISTINCT_COUNT), oneUnit),
    ...tally(0, L.ANY_GO, L.ANY_RUST),
    ...ifThen(get(P_WITH_ONLY), tally(3, L.ONLY_GO, L.ONLY_RUST)),
  ];
  return forLoop(L.S, get(P_FROM), get(P_TO), oneDraw);
}

const section = (id: number, content: Code): Code => [id, ...uleb(content.length), ...content];
const vector = (items: Code[]): Code => [...uleb(items.length), ...items.flat()];
const name = (text: string): Code => [...uleb(text.length), ...Array.from(text, (ch) => ch.charCodeAt(0))];

/** The module: one memory and one function, both exported. */
export function countModuleBytes(): Uint8Array {
  const body = [
    ...vector([
      [...uleb(I32_LOCALS.length), I32],
      [...uleb(F64_LOCALS.length), F64],
    ]),
    ...countBody(),
    END,
  ];
  return new Uint8Array([
    ...[0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00],
    ...section(1, vector([[0x60, ...vector(PARAMS.map((t) => [t])), 0]])),
    ...section(3, vector([[0]])),
    ...section(5, vector([[0x00, 1]])),
    ...section(
      7,
      vector([
        [...name('memory'), 0x02, 0],
        [...name('count'), 0x00, 0],
      ]),
    ),
    ...section(10, vector([[...uleb(body.length), ...body]])),
  ]);
}
