// Generates GrowthBook conformance vectors for Assay's assignment service.
//
// Every expected value comes from the official GrowthBook JavaScript SDK (the version pinned in
// package.json), never from Assay's own code. Run with `npm ci && node generate.js`; the JSON lands in
// ../resources/growthbook/. The inputs are pseudo-random from a fixed seed, so re-running the script
// rewrites identical files.
"use strict";

process.env.NODE_ENV = "production"; // silences the SDK's console.error on invalid bucket inputs

const fs = require("fs");
const path = require("path");
const sdkMain = require.resolve("@growthbook/growthbook");
const sdkDir = path.dirname(sdkMain);
// The package's "exports" map hides its internal modules; loading them by file path uses the SDK's
// own hash/getBucketRanges/chooseVariation/inNamespace/getEqualWeights, not a copy.
const util = require(path.join(sdkDir, "util.js"));
const { evalCondition, paddedVersionString, GrowthBook } = require("@growthbook/growthbook");
const sdkVersion = require("@growthbook/growthbook/package.json").version;

const outDir = path.join(__dirname, "..", "resources", "growthbook");
fs.mkdirSync(outDir, { recursive: true });

// mulberry32: a tiny deterministic PRNG so the vectors are reproducible.
let state = 0x5eed1234;
function random() {
  state = (state + 0x6d2b79f5) | 0;
  let t = state;
  t = Math.imul(t ^ (t >>> 15), t | 1);
  t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
}
const randInt = (lo, hi) => lo + Math.floor(random() * (hi - lo + 1));
const pick = (arr) => arr[Math.floor(random() * arr.length)];

const ALPHABET = [
  "a", "b", "z", "A", "Z", "0", "7", "9", "-", "_", ".", " ", "@", "/", "+", "~",
  "é", "ü", "ñ", "ß", "ø", "Å", "ç", // Latin-1 accents
  "中", "文", "日", "本", "한", "국", // CJK and Hangul
  "Ж", "ж", "Ω", "ﬁ", "€",
  "😀", "👍🏽", "🇫🇷", "𝄞", "👨‍👩‍👧", // surrogate pairs, modifiers, ZWJ sequences
  "\u0000", "\n", "\t", "\u00a0", "\u2028", "\ufeff",
  "\ud800", "\udfff", // lone surrogates (valid JS strings, invalid UTF-8)
];
function randomString(maxLen) {
  const len = randInt(0, maxLen);
  let s = "";
  for (let i = 0; i < len; i++) s += pick(ALPHABET);
  return s;
}
function randomAsciiId() {
  return random().toString(36).slice(2, 2 + randInt(1, 12));
}

function write(name, data) {
  const file = path.join(outDir, name);
  const text = JSON.stringify({ generatedBy: `@growthbook/growthbook ${sdkVersion}`, ...data }) + "\n";
  if (text.length > 2_000_000) throw new Error(`${name} is ${text.length} bytes, over 2 MB`);
  fs.writeFileSync(file, text);
  console.log(`${name}: ${text.length} bytes`);
}

// ---------------------------------------------------------------------------------------------
// 1. hash(seed, value, version)
// ---------------------------------------------------------------------------------------------
function hashVectors() {
  const fixed = [
    ["", ""], ["", "a"], ["a", ""], ["seed", "user-1"], ["checkout-button", "123"],
    ["exp", "éèê"], ["exp", "中文用户"], ["exp", "😀"], ["exp", "👨‍👩‍👧"], ["exp", "\ud83d"],
    ["種", "ユーザー"], ["emoji-😀", "😀😀"], ["new-homepage", "u_0"], ["a".repeat(200), "b".repeat(300)],
    // the table in docs/assignment-algorithm.md
    ["checkout-button", "user-1"], ["checkout-button", "user-2"], ["new-homepage", "123"],
    ["new-homepage", "alice@example.com"], ["exp", "Zoë"], ["exp", "中文用户"], ["exp", "ユーザー"],
    ["pricing-2026", "company-42"], ["seed", ""], ["", "user-1"], ["exp", "\u00e9"], ["exp", "e\u0301"],
    ["exp", "user-1"], ["exp", "USER-1"], ["exp", "éèê"], ["exp", "\u{1F468}\u200D\u{1F469}\u200D\u{1F467}"],
  ];
  const cases = [];
  for (const [seed, value] of fixed) {
    for (const version of [1, 2, 0, 3, -1]) {
      cases.push({ seed, value, version, hash: util.hash(seed, value, version) });
    }
  }
  for (let i = 0; i < 4000; i++) {
    const seed = random() < 0.5 ? randomAsciiId() : randomString(8);
    const value = random() < 0.4 ? randomAsciiId() : randomString(16);
    const version = random() < 0.5 ? 1 : 2;
    cases.push({ seed, value, version, hash: util.hash(seed, value, version) });
  }
  write("hash.json", { cases });
}

// ---------------------------------------------------------------------------------------------
// 2. getBucketRanges, chooseVariation, getEqualWeights, inNamespace
// ---------------------------------------------------------------------------------------------
function randomWeights(n) {
  const kind = random();
  if (kind < 0.15) return null;
  if (kind < 0.25) {
    const m = Math.max(0, n + pick([-1, 1, 2]));
    return Array.from({ length: m }, () => 1 / Math.max(1, m));
  }
  if (kind < 0.35) return Array.from({ length: n }, () => Math.round(random() * 100) / 100); // sum anywhere
  const raw = Array.from({ length: n }, () => random());
  const total = raw.reduce((a, b) => a + b, 0);
  let w = raw.map((x) => x / total);
  if (random() < 0.5) w = w.map((x) => Math.round(x * 1000) / 1000); // sums near 1, e.g. 0.999
  if (random() < 0.2) w = w.map((x) => x * pick([0.991, 1.009, 0.98, 1.02])); // just inside/outside [0.99,1.01]
  return w;
}
function randomCoverage() {
  return pick([1, 0, 0.5, 0.01, 0.99, 1.5, -0.2, 2, random(), random(), Math.round(random() * 100) / 100]);
}
function bucketVectors() {
  const ranges = [];
  const fixed = [
    [2, 1, [0.5, 0.5]], [3, 1, null], [3, 0.2, [0.2, 0.3, 0.5]], [2, 1, [0.4, 0.59]], [2, 1, [0.4, 0.62]],
    [2, 1, [0.5, 0.5, 0]], [0, 1, null], [1, 1, null], [4, -1, null], [4, 3, null], [2, 0.5, [-0.5, 1.5]],
    [10, 0.37, null], [7, 1, null], [3, 1, [0.333, 0.333, 0.334]], [2, 0.999999, [0.1, 0.9]], [-1, 1, []],
  ];
  for (const [n, c, w] of fixed) ranges.push({ numVariations: n, coverage: c, weights: w });
  for (let i = 0; i < 1500; i++) {
    const n = randInt(0, 12);
    ranges.push({ numVariations: n, coverage: randomCoverage(), weights: randomWeights(n) });
  }
  for (const r of ranges) r.ranges = util.getBucketRanges(r.numVariations, r.coverage, r.weights || undefined);

  const choices = [];
  for (let i = 0; i < 3000; i++) {
    const r = pick(ranges).ranges;
    let n = pick([random(), Math.floor(random() * 1000) / 1000, Math.floor(random() * 10000) / 10000]);
    if (random() < 0.3 && r.length > 0) n = pick(pick(r)); // exactly on a boundary
    choices.push({ n, ranges: r, variation: util.chooseVariation(n, r) });
  }

  const equalWeights = [];
  for (let n = -2; n <= 40; n++) equalWeights.push({ numVariations: n, weights: util.getEqualWeights(n) });

  const namespaces = [];
  for (let i = 0; i < 2000; i++) {
    const hashValue = random() < 0.5 ? randomAsciiId() : randomString(12);
    const id = pick(["pricing", "checkout", "ns-" + randomAsciiId(), randomString(6), ""]);
    let start = Math.floor(random() * 100) / 100;
    let end = Math.min(1, start + Math.floor(random() * 100) / 100);
    if (random() < 0.1) [start, end] = [end, start];
    if (random() < 0.05) [start, end] = [0, 1];
    namespaces.push({ hashValue, id, start, end, inNamespace: util.inNamespace(hashValue, [id, start, end]) });
  }
  write("buckets.json", { ranges, choices, equalWeights, namespaces });
}

// ---------------------------------------------------------------------------------------------
// 3. paddedVersionString and evalCondition
// ---------------------------------------------------------------------------------------------
function versionVectors() {
  const inputs = [
    "1.2.3", "v1.2.3", "1.2.3-rc.1", "1.2.3-rc.1+build.5", "v1.2.3+build", "1.2", "1", "", "v", "+",
    "10.0.0", "9.0.0", "1.0.0-alpha", "1.0.0-alpha.1", "1.0.0-alpha.beta", "1.0.0-beta.11", "1.0.0-beta.2",
    "1.0.0-rc.1", "1.0.0", "2.0.0-0", "123456.1.2", "1.2.3.4", "1.2.3-", "1..3", "V1.2.3", "vv1.2.3",
    "1.2.3+a+b", "1.2.3+a\nb", "1-2-3", "01.002.0003", " 1.2.3", "1.2.3 ", "ü.1.2", "1.2.3-ünï", "1.2.x",
  ];
  const cases = inputs.map((input) => ({ input, padded: paddedVersionString(input) }));
  write("versions.json", { cases });
}

const ATTRIBUTES = [
  {},
  { id: "u1", country: "US", age: 30, browser: "chrome", version: "1.2.3", tags: ["a", "b"], premium: true },
  { id: "u2", country: "us", age: "30", browser: "Chrome", version: "v1.10.0", tags: ["b", "c", "d"], premium: false },
  { id: "u3", country: "FR", age: 17, browser: "firefox", version: "1.2.3-rc.1", tags: [], premium: null },
  { id: "u4", country: ["US", "CA"], age: 65.5, version: "2.0.0+build.7", tags: ["a"], premium: "true" },
  { id: "u5", country: "", age: 0, version: "1.2", tags: "a,b", premium: 0 },
  { id: "u6", country: null, age: null, version: null, tags: null },
  { id: 123, country: "DE", age: -1, version: 2, tags: [1, 2, 3], premium: 1 },
  { id: "é", name: "Zoë", city: "São Paulo", emoji: "😀👍", cjk: "中文", age: 1e21 },
  { id: "cjk", name: "中文", city: "東京", emoji: "👨‍👩‍👧", cjk: "日本語", age: 0.1 },
  { user: { profile: { plan: "pro", seats: 12 }, roles: ["admin", "dev"] }, country: "GB" },
  { user: { profile: { plan: "free", seats: 1 }, roles: [] }, country: "gb" },
  { user: { profile: null }, "a.b": "dotted" },
  { user: "flat", orders: [{ sku: "x", qty: 2 }, { sku: "y", qty: 0 }] },
  { orders: [{ sku: "y", qty: 5 }, null, { sku: "z" }] },
  { orders: [], nums: [0, 1, 2.5, -3], bools: [false, true] },
  { nums: [10, 20], bools: [false], mixed: [1, "1", true, null, [1], { a: 1 }] },
  { mixed: [], obj: { a: 1, b: [1, 2] }, nested: [[1, 2], [3]] },
  { obj: { b: [1, 2], a: 1 }, nested: [[1, 2]] },
  { obj: {}, age: "abc", version: "1.2.3-beta" },
  { obj: { "1": "x", a: 2 }, age: "  42  ", score: "0x1A" },
  { age: true, score: "1e3", count: "", flag: "false" },
  { age: false, score: [7], count: [], flag: 0 },
  { age: [1, 2], score: "Infinity", count: "-0", flag: "" },
  { id: "x", country: "NL", age: 25, tags: ["A", "B"], version: "1.2.3", premium: true, name: "Ünïcödé" },
  { id: "y", country: "nl", age: 99, tags: ["a", "b", "c"], version: "v2.0.0-beta.3", name: "ALLCAPS" },
  { id: "line", name: "a\nb", city: "x\u2028y", emoji: "🇫🇷", cjk: "한국어" },
  { id: "num-str", age: "25", score: 25, count: 25.0, version: "1.02.3" },
  { id: "zero", age: 0, score: -0.0, count: null, version: "0.0.0" },
  { id: "big", age: 9007199254740993, score: 1.5e-7, count: 123456789.125 },
];

const CONDITIONS = [
  // implicit equality and coercions
  {}, { country: "US" }, { country: "us" }, { age: 30 }, { age: "30" }, { premium: true }, { premium: false },
  { premium: null }, { nothing: null }, { tags: ["a", "b"] }, { tags: [] }, { tags: "a,b" }, { age: 0 },
  { obj: { a: 1, b: [1, 2] } }, { obj: {} }, { obj: { "1": "x", a: 2 } }, { "user.profile.plan": "pro" },
  { user: { profile: { plan: "pro", seats: 12 } } }, { "a.b": "dotted" }, { "user.profile.seats": 12 },
  { "user.profile": null }, { "user.roles.0": "admin" }, { "tags.length": 2 }, { "orders.1.sku": "y" },
  { id: 123 }, { id: "123" }, { score: 25 }, { count: 0 }, { flag: false }, { age: 1e21 }, { age: "1e+21" },
  { age: 0.1 }, { score: 1.5e-7 }, { score: "1.5e-7" }, { count: 123456789.125 }, { age: 9007199254740992 },
  { country: ["US", "CA"] }, { nested: [[1, 2], [3]] }, { mixed: [] }, { name: "Zoë" }, { cjk: "中文" },
  // comparison operators
  { age: { $eq: 30 } }, { age: { $eq: "30" } }, { age: { $ne: 30 } }, { country: { $eq: "US" } },
  { country: { $ne: "US" } }, { premium: { $eq: true } }, { premium: { $ne: null } }, { premium: { $eq: null } },
  { age: { $gt: 18 } }, { age: { $gte: 30 } }, { age: { $lt: 30 } }, { age: { $lte: 17 } },
  { age: { $gt: "18" } }, { age: { $lt: "5" } }, { country: { $gt: "M" } }, { country: { $lt: "a" } },
  { age: { $gt: 18, $lt: 65 } }, { age: { $gte: 0 } }, { age: { $lte: 0 } }, { age: { $gt: -1 } },
  { score: { $gt: 24 } }, { score: { $lt: 1 } }, { count: { $gte: 0 } }, { flag: { $lt: 1 } },
  { name: { $gt: "Z" } }, { emoji: { $gt: "😀" } }, { cjk: { $lt: "本" } }, { age: { $gt: null } },
  { age: { $gte: false } }, { version: { $gt: "1.10.0" } }, { tags: { $gt: "a" } }, { nothing: { $lt: 1 } },
  // membership
  { country: { $in: ["US", "CA"] } }, { country: { $in: [] } }, { country: { $nin: ["US", "CA"] } },
  { country: { $nin: [] } }, { age: { $in: [30, 17] } }, { age: { $in: ["30"] } }, { tags: { $in: ["a"] } },
  { tags: { $in: ["z"] } }, { tags: { $nin: ["a"] } }, { nothing: { $in: [null] } }, { premium: { $in: [true, 1] } },
  { id: { $in: [123, "u1"] } }, { country: { $ini: ["us", "fr"] } }, { country: { $nini: ["us"] } },
  { tags: { $ini: ["A"] } }, { name: { $ini: ["zoë", "allcaps"] } }, { nums: { $in: [0] } },
  { mixed: { $in: [[1]] } }, { mixed: { $in: [null] } }, { score: { $in: [0] } }, { count: { $nin: [null] } },
  // arrays
  { tags: { $all: ["a", "b"] } }, { tags: { $all: [] } }, { tags: { $all: ["a", { $regex: "^[bc]$" }] } },
  { tags: { $alli: ["A"] } }, { nums: { $all: [{ $gt: 0 }, { $lt: 0 }] } }, { tags: { $size: 2 } },
  { tags: { $size: 0 } }, { tags: { $size: { $gt: 1 } } }, { orders: { $size: { $gte: 2 } } }, { tags: { $size: "2" } },
  { orders: { $elemMatch: { sku: "y" } } }, { orders: { $elemMatch: { qty: { $gt: 1 } } } },
  { orders: { $elemMatch: { sku: "z", qty: { $exists: false } } } }, { nums: { $elemMatch: { $gt: 2 } } },
  { nums: { $elemMatch: { $eq: 0 } } }, { bools: { $elemMatch: { $eq: false } } }, { tags: { $elemMatch: { $eq: "a" } } },
  { "user.roles": { $elemMatch: { $in: ["admin"] } } }, { nested: { $elemMatch: { $size: 2 } } },
  { nested: { $elemMatch: { "0": 3 } } }, { mixed: { $elemMatch: { a: 1 } } }, { tags: { $elemMatch: {} } },
  // existence and types
  { country: { $exists: true } }, { country: { $exists: false } }, { nothing: { $exists: false } },
  { premium: { $exists: true } }, { "user.profile.plan": { $exists: true } }, { "user.profile.plan": { $exists: false } },
  { country: { $type: "string" } }, { country: { $type: "array" } }, { age: { $type: "number" } },
  { premium: { $type: "boolean" } }, { premium: { $type: "null" } }, { nothing: { $type: "null" } },
  { obj: { $type: "object" } }, { user: { $type: "object" } }, { tags: { $type: "array" } }, { id: { $type: "undefined" } },
  // negation and logic
  { country: { $not: "US" } }, { age: { $not: { $gt: 18 } } }, { tags: { $not: { $size: 0 } } },
  { country: { $not: { $in: ["US", "CA"] } } }, { $not: { country: "US" } }, { $not: {} },
  { $or: [{ country: "US" }, { age: { $gt: 60 } }] }, { $or: [] }, { $and: [] }, { $nor: [] },
  { $and: [{ country: { $in: ["US", "NL"] } }, { premium: true }] }, { $nor: [{ country: "US" }, { country: "FR" }] },
  { $or: [{ $and: [{ age: { $gte: 18 } }, { age: { $lt: 30 } }] }, { premium: { $exists: false } }] },
  { country: "US", $or: [{ age: 30 }, { browser: "chrome" }] },
  { $and: [{ $or: [{ tags: "a" }, { tags: { $size: 3 } }] }, { $not: { premium: false } }] },
  // regexes
  { browser: { $regex: "^chr" } }, { browser: { $regex: "ome$" } }, { browser: { $regexi: "^CHROME$" } },
  { country: { $regex: "^[A-Z]{2}$" } }, { country: { $regex: "US|FR" } }, { name: { $regex: "^Z.ë$" } },
  { name: { $regexi: "^zoË$" } }, { name: { $regex: "a.b" } }, { city: { $regex: "x.y" } }, { city: { $regex: "\\s" } },
  { city: { $regex: "^S\\S+ Paulo$" } }, { emoji: { $regex: "^.$" } }, { emoji: { $regex: "^..$" } },
  { emoji: { $regex: "^....$" } }, { emoji: { $regex: "😀" } }, { emoji: { $regex: "[😀]" } }, { cjk: { $regex: "^\\W+$" } },
  { cjk: { $regex: "^[\\u4e00-\\u9fff]+$" } }, { age: { $regex: "^3" } }, { nothing: { $regex: "null" } },
  { tags: { $regex: "a,b" } }, { premium: { $regex: "^t" } }, { id: { $regex: "^u\\d$" } }, { id: { $regex: "\\bu" } },
  { name: { $regex: "b$" } }, { name: { $regex: "^b" } }, { name: { $regex: "\\w+" } }, { version: { $regex: "^v?1\\." } },
  { browser: { $regex: "(?:fire|chr)(fox|ome)" } }, { city: { $regex: "\\u2028" } }, { country: { $regex: "" } },
  { name: { $regexi: "ü" } }, { name: { $regex: "[^a-z]" } }, { age: { $regex: "e\\+21" } }, { score: { $regex: "^0x" } },
  { name: { $regex: "^(?=.*C)[A-Z]+$" } }, { country: { $regex: "^u{1,2}s?$" } }, { name: { $regex: "Z(?!x)" } },
  // versions
  { version: { $veq: "1.2.3" } }, { version: { $vne: "1.2.3" } }, { version: { $vgt: "1.2.3" } },
  { version: { $vgte: "1.2.3" } }, { version: { $vlt: "1.2.3" } }, { version: { $vlte: "1.2.3" } },
  { version: { $vgt: "1.9.0" } }, { version: { $vlt: "1.2.3-rc.2" } }, { version: { $vgt: "1.2.3-rc.1" } },
  { version: { $vgte: "v2.0.0" } }, { version: { $veq: "2.0.0" } }, { version: { $vlt: 2 } }, { version: { $veq: 2 } },
  { version: { $vgt: "0.0.0" } }, { version: { $vlt: "1.2.3-alpha" } }, { version: { $vgte: "1.2.3-beta" } },
  { version: { $vgt: "1.2" } }, { version: { $veq: "" } }, { version: { $vlte: "1.02.3" } },
  { version: { $vgt: "1.2.2", $vlt: "1.3.0" } }, { nothing: { $vlt: "0.0.1" } },
];

// Random conditions over random attributes: every operand has a shape Assay accepts.
const FUZZ_KEYS = ["a", "b", "n", "s", "arr", "obj", "obj.x", "arr.0", "arr.length", "missing", "v", "objs"];
const FUZZ_STRINGS = ["", "a", "A", "b", "1", "1.0", "01", "true", "null", "x,y", "1e3", " 2 ", "é", "É", "😀", "1.2.3", "v2.0.0-rc.1"];
const FUZZ_NUMBERS = [0, 1, -1, 1.5, 2, 3, 1000, 0.1, 1e21, -0.5];
const FUZZ_REGEXES = ["^a", "a$", "^$", "\\d", "^[a-z]+$", ".", "^.$", "é", "(?:x|y)", "\\s", "^1", "null", "^\\w+$", "A"];
function fuzzScalar() {
  const r = random();
  if (r < 0.45) return pick(FUZZ_STRINGS);
  if (r < 0.8) return pick(FUZZ_NUMBERS);
  if (r < 0.93) return random() < 0.5;
  return null;
}
function fuzzAttributeValue(depth) {
  const r = random();
  if (r < 0.55 || depth > 1) return fuzzScalar();
  if (r < 0.8) return Array.from({ length: randInt(0, 3) }, () => fuzzAttributeValue(depth + 1));
  const o = {};
  for (const k of ["x", "y", "a"]) if (random() < 0.6) o[k] = fuzzAttributeValue(depth + 1);
  return o;
}
function fuzzAttributes() {
  const attrs = {};
  for (const k of ["a", "b", "n", "s", "arr", "obj", "v", "objs"]) {
    if (random() < 0.75) attrs[k] = fuzzAttributeValue(k === "arr" || k === "objs" ? 1 : 0);
  }
  if (random() < 0.5) attrs.arr = Array.from({ length: randInt(0, 4) }, fuzzScalar);
  if (random() < 0.5) attrs.objs = Array.from({ length: randInt(0, 3) }, () => ({ x: fuzzScalar(), y: fuzzScalar() }));
  return attrs;
}
function fuzzOperator(depth) {
  const op = pick(["$eq", "$ne", "$lt", "$lte", "$gt", "$gte", "$in", "$nin", "$ini", "$nini", "$exists", "$type",
    "$regex", "$regexi", "$size", "$elemMatch", "$all", "$alli", "$not", "$veq", "$vne", "$vgt", "$vgte", "$vlt", "$vlte"]);
  switch (op) {
    case "$in": case "$nin": case "$ini": case "$nini":
      return [op, Array.from({ length: randInt(0, 4) }, fuzzScalar)];
    case "$exists": return [op, random() < 0.5];
    case "$type": return [op, pick(["string", "number", "boolean", "array", "object", "null", "undefined"])];
    case "$regex": case "$regexi": return [op, pick(FUZZ_REGEXES)];
    case "$size": return [op, depth > 2 ? randInt(0, 3) : fuzzValue(depth + 1)];
    case "$elemMatch": {
      if (random() < 0.5) return [op, fuzzOperatorObject(depth + 1)];
      const c = fuzzCondition(depth + 1, ["x", "y", "0"]);
      // {$or: [...]} alone would be an operator object, where the SDK reads $or as an unknown operator
      if (Object.keys(c).every((k) => k.startsWith("$"))) c.x = fuzzScalar();
      return [op, c];
    }
    case "$all": case "$alli": return [op, Array.from({ length: randInt(0, 2) }, () => fuzzValue(depth + 1))];
    case "$not": return [op, fuzzValue(depth + 1)];
    case "$veq": case "$vne": case "$vgt": case "$vgte": case "$vlt": case "$vlte":
      return [op, pick(["1.2.3", "1.2.3-rc.1", "v2.0.0", "0", "1", 2, "1.10"])];
    default: return [op, fuzzScalar()];
  }
}
function fuzzOperatorObject(depth) {
  const o = {};
  for (let i = randInt(1, 2); i > 0; i--) {
    const [op, operand] = fuzzOperator(depth);
    o[op] = operand;
  }
  return o;
}
function fuzzValue(depth) {
  const r = random();
  if (depth > 3 || r < 0.3) return fuzzScalar();
  if (r < 0.38) return Array.from({ length: randInt(0, 2) }, fuzzScalar);
  if (r < 0.42) return { x: fuzzScalar() };
  return fuzzOperatorObject(depth);
}
function fuzzCondition(depth, keys = FUZZ_KEYS) {
  const c = {};
  for (let i = randInt(1, 3); i > 0; i--) {
    const r = random();
    if (depth < 2 && r < 0.15) c[pick(["$and", "$or", "$nor"])] = Array.from({ length: randInt(0, 3) }, () => fuzzCondition(depth + 1, keys));
    else if (depth < 2 && r < 0.2) c.$not = fuzzCondition(depth + 1, keys);
    else c[pick(keys)] = fuzzValue(depth);
  }
  return c;
}
function conditionFuzzVectors() {
  const attributes = Array.from({ length: 40 }, fuzzAttributes);
  const cases = Array.from({ length: 1500 }, () => {
    const condition = fuzzCondition(0);
    return { condition, matches: attributes.map((a) => (evalCondition(a, condition) ? 1 : 0)).join("") };
  });
  write("conditions-fuzz.json", { attributes, cases });
}

// Random regex sources (some invalid in JavaScript) over random inputs.
const REGEX_ATOMS = ["a", "b", "A", ".", "\\d", "\\w", "\\W", "\\s", "\\S", "[a-c]", "[^a]", "\\b", "\\B", "^", "$",
  "(a|b)", "(?:ab)", "x", "é", "😀", "\\u00e9", "[\\s\\d]", "{", "}", "]", "\\.", "(?=a)", "(?!b)", "(?<=a)",
  "(?<!a)", "ß", "\\n", "[😀]", "[É-ü]", "\\ud83d", "|", "(", ")", "\\x41", "\\cA", "[\\b]", "[-]", "k", "S"];
const REGEX_QUANTIFIERS = ["", "", "", "*", "+", "?", "{2}", "{1,2}", "*?", "{,2}", "{0}"];
const REGEX_INPUT_ALPHABET = ["a", "b", "A", "B", "x", "é", "É", "😀", "\ud83d", " ", "\n", "1", "_", "ß", "k", "K", "\u212a", "s", "ſ", "{", "}", "]", ".", "-"];
function regexFuzzVectors() {
  const inputs = Array.from({ length: 40 }, () => {
    let s = "";
    for (let i = randInt(0, 6); i > 0; i--) s += pick(REGEX_INPUT_ALPHABET);
    return s;
  });
  const cases = [];
  for (let i = 0; i < 600; i++) {
    let pattern = "";
    for (let j = randInt(1, 4); j > 0; j--) pattern += pick(REGEX_ATOMS) + pick(REGEX_QUANTIFIERS);
    const ignoreCase = random() < 0.3;
    let re = null;
    try {
      re = new RegExp(pattern, ignoreCase ? "i" : "");
    } catch (e) {
      re = null;
    }
    cases.push({ pattern, ignoreCase, valid: re !== null, matches: re === null ? "" : inputs.map((s) => (re.test(s) ? 1 : 0)).join("") });
  }
  write("regexes-fuzz.json", { inputs, cases });
}

function conditionVectors() {
  const attributes = ATTRIBUTES;
  const cases = CONDITIONS.map((condition) => ({
    condition,
    matches: attributes.map((a) => (evalCondition(a, condition) ? 1 : 0)).join(""),
  }));
  write("conditions.json", { attributes, cases });
}

// ---------------------------------------------------------------------------------------------
// 4. Full experiment runs through a GrowthBook instance
// ---------------------------------------------------------------------------------------------
function randomUser() {
  const u = {};
  const idKind = random();
  if (idKind < 0.6) u.id = randomAsciiId();
  else if (idKind < 0.8) u.id = randomString(10);
  else if (idKind < 0.85) u.id = "";
  else if (idKind < 0.92) u.id = randInt(0, 100000);
  // else: no id at all
  if (random() < 0.7) u.company = pick(["acme", "globex", "initech", "株式会社", "Société", 42, ""]);
  if (random() < 0.8) u.country = pick(["US", "FR", "DE", "JP", "BR", "us"]);
  if (random() < 0.7) u.age = randInt(10, 80);
  if (random() < 0.5) u.version = pick(["1.0.0", "1.2.3", "2.0.0-beta.1", "v2.1.0", "0.9"]);
  if (random() < 0.5) u.tags = [pick(["beta", "vip", "new"]), pick(["beta", "vip", "old"])];
  return u;
}
const EXPERIMENT_CONDITIONS = [
  null, { country: "US" }, { country: { $in: ["US", "FR"] } }, { age: { $gte: 18 } },
  { version: { $vgte: "1.2.0" } }, { tags: { $elemMatch: { $eq: "vip" } } },
  { $or: [{ country: "JP" }, { age: { $lt: 25 } }] }, { company: { $exists: true } },
];
function randomExperiment(i) {
  const n = randInt(2, 5);
  const exp = { key: `exp-${i}-${randomAsciiId()}`, variations: Array.from({ length: n }, (_, j) => j) };
  if (random() < 0.5) exp.weights = randomWeights(n) || undefined;
  if (exp.weights === undefined) delete exp.weights;
  if (random() < 0.5) exp.coverage = pick([1, 0.5, 0.1, 0.9, Math.round(random() * 100) / 100]);
  if (random() < 0.3) exp.hashAttribute = pick(["company", "country", "age", "missing"]);
  if (random() < 0.4) exp.seed = pick([randomAsciiId(), randomString(6), ""]);
  exp.hashVersion = pick([1, 2, 2, 2, 3]);
  if (random() < 0.3) {
    const start = Math.floor(random() * 50) / 100;
    exp.namespace = [pick(["pricing", "checkout", "ñs"]), start, start + Math.floor(random() * 50) / 100];
  }
  const condition = pick(EXPERIMENT_CONDITIONS);
  if (condition) exp.condition = condition;
  return exp;
}
function experimentVectors() {
  const users = Array.from({ length: 120 }, randomUser);
  const experiments = [];
  for (let i = 0; i < 60; i++) {
    const experiment = randomExperiment(i);
    const results = users.map((attributes) => {
      const gb = new GrowthBook({ attributes });
      const r = gb.run(experiment);
      gb.destroy();
      return [r.inExperiment ? 1 : 0, r.variationId, r.hashUsed ? 1 : 0, r.bucket ?? null, r.hashValue];
    });
    experiments.push({ experiment, results });
  }
  write("experiments.json", {
    note: "results[u] = [inExperiment, variationId, hashUsed, bucket or null, hashValue] for users[u]",
    users,
    experiments,
  });
}

// ---------------------------------------------------------------------------------------------
// 5. JavaScript coercions and regular expressions that the SDK's evalCondition relies on
//    (String(n) in `value + ""` and in hashing, Number(s) in `value * 1`, RegExp#test in $regex)
// ---------------------------------------------------------------------------------------------
function coercionVectors() {
  const numbers = [0, -0, 1, -1, 0.1, 0.2, 0.1 + 0.2, 1 / 3, 100, 1e21, 1e20, 123456789012345680000, 1.5e-7,
    0.000001, 1e-7, 5e-324, 1.7976931348623157e308, 2 ** 53, 2 ** 53 + 2, 2 ** 63, 2 ** 64, 4.35, 0.5e-6,
    9007199254740993, 1e300, 2.5e-300, 123.456, -7.25e-10];
  const view = new DataView(new ArrayBuffer(8));
  for (let i = 0; i < 1500; i++) {
    let n;
    const kind = random();
    if (kind < 0.4) n = random() * 10 ** randInt(-25, 25);
    else if (kind < 0.6) n = Math.round(random() * 10 ** randInt(1, 8)) / 10 ** randInt(1, 6);
    else {
      view.setUint32(0, Math.floor(random() * 0x7fefffff));
      view.setUint32(4, Math.floor(random() * 0x100000000));
      n = view.getFloat64(0);
    }
    numbers.push(random() < 0.3 ? -n : n);
  }
  const numberToString = numbers.filter(Number.isFinite).map((n) => [n, String(n)]);
  const strings = ["", " ", "42", " 42 ", "\t42\n", "\u00a042\u3000", "4 2", "0x1A", "0X1a", "0b101", "0o17",
    "-0x1A", "1e3", "1E-3", ".5", "5.", ".", "-.5", "+5", "++5", "Infinity", "-Infinity", "+Infinity",
    "infinity", "NaN", "1_000", "12px", "0.1", "-0", "00012", "1e400", "\ufeff7", "\u2028 8", "٣", "１２"];
  const stringToNumber = strings.map((s) => {
    const n = Number(s);
    return [s, Number.isNaN(n) ? "NaN" : Object.is(n, -0) ? "-0" : Number.isFinite(n) ? n : String(n)];
  });
  write("coercions.json", { numberToString, stringToNumber });
}

const REGEX_PATTERNS = [
  "^abc$", "abc", "a.c", "^.$", "^..$", "^[^a]$", "\\s", "^\\S+$", "\\bfoo\\b", "\\Bo", "\\d+", "\\D",
  "\\w+$", "\\W", "[\\s\\d]", "[^\\s]", "a{2}", "a{2,}", "a{,2}", "x{", "}", "]", "a|b", "(a)|b", "(?:ab)+",
  "(?=a)a", "a(?!b)", "(?<=a)b", "(?<!a)b", "(?<name>x)y", "[a-z]+", "[z-a]", "[\\d-z]", "[-a]", "[a-]",
  "[]", "[^]", "\\x41", "\\x4", "\\u00e9", "\\u00e", "\\0", "\\101", "\\8", "\\cJ", "\\c1", "[\\c1]",
  "\\a", "\\e", "\\p{L}", "\\/", "/", "a/b", "é", "😀", "^😀$", "[😀]", "\\ud83d", "[\\ud800-\\udbff]",
  "^[\\u0000-\\uffff]$", "\\n", "a$", "^a", "$^", "\\$", "a*?b", "a+?", "a??", "\\.", "[.]", "[\\b]",
  "ß", "ǅ", "k", "ſ", "σ", "İ", "(", ")", "*a", "a**", "a{3,1}", "[", "\\", "(?i)a", "(?<=a+)b",
];
const REGEX_INPUTS = [
  "", "abc", "ABC", "a", "b", "ab", "aab", "aaa", "xyz", "foo bar", "foobar", " ", "\t", "\n", "a\nc", "a\rc",
  "a\u2028c", "a\u0085c", "\u00a0", "\u3000", "123", "x{", "}", "]", "a/b", "é", "É", "e", "😀", "😀😀",
  "\ud83d", "\ude00", "x😀y", "A", "\u000a", "$", ".", "\b", "\u0001", "\n", "ß", "SS", "ǅ", "Ǆ", "ǆ",
  "K", "k", "\u212a", "s", "S", "ſ", "σ", "ς", "Σ", "İ", "i", "I", "p{L}", "\u0007", "\u001b", "e",
  "name", "xy", "ba", "cb", "-", "z", "1", "\\", "8", "\u0000", "A1",
];
function regexVectors() {
  const inputs = REGEX_INPUTS;
  const cases = [];
  for (const pattern of REGEX_PATTERNS) {
    for (const flags of ["", "i"]) {
      let re = null;
      try {
        re = new RegExp(pattern, flags);
      } catch (e) {
        re = null;
      }
      cases.push({
        pattern,
        ignoreCase: flags === "i",
        valid: re !== null,
        matches: re === null ? "" : inputs.map((s) => (re.test(s) ? 1 : 0)).join(""),
      });
    }
  }
  write("regexes.json", { inputs, cases });
}

hashVectors();
bucketVectors();
coercionVectors();
regexVectors();
versionVectors();
conditionVectors();
experimentVectors();
conditionFuzzVectors();
regexFuzzVectors();
