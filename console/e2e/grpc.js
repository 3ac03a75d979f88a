// A minimal promise client over the repository's .proto contracts (proto/src/main/proto), used to
// seed the services and to compute the figures the pages must show.
import { readdirSync } from 'node:fs';
import { join, relative, resolve, sep } from 'node:path';
import grpc from '@grpc/grpc-js';
import protoLoader from '@grpc/proto-loader';
import { REPO_ROOT } from './platform.js';

const PROTO_ROOT = resolve(REPO_ROOT, 'proto/src/main/proto');

function protoFiles(directory) {
  return readdirSync(directory, { withFileTypes: true }).flatMap((entry) => {
    const path = join(directory, entry.name);
    if (entry.isDirectory()) return protoFiles(path);
    return entry.name.endsWith('.proto') ? [relative(PROTO_ROOT, path).split(sep).join('/')] : [];
  });
}

const contracts = grpc.loadPackageDefinition(
  protoLoader.loadSync(protoFiles(PROTO_ROOT), { keepCase: false, longs: String, enums: String, defaults: true, oneofs: true, includeDirs: [PROTO_ROOT] }),
);

/**
 * client('assignment', 'EvaluationService', 'localhost:1234', token).evaluate({...}) → Promise; the
 * token, when given, goes as `authorization: Bearer`.
 */
export function client(service, name, address, token) {
  const Ctor = contracts.assay[service].v1[name];
  const stub = new Ctor(address, grpc.credentials.createInsecure());
  const api = { close: () => stub.close() };
  for (const method of Object.keys(Ctor.service)) {
    const camel = method.charAt(0).toLowerCase() + method.slice(1);
    api[camel] = (request) => new Promise((ok, fail) =>
      stub[method](request, metadata(token), { deadline: new Date(Date.now() + 20_000) }, (error, response) => (error ? fail(error) : ok(response))));
  }
  return api;
}

function metadata(token) {
  const m = new grpc.Metadata();
  if (token) m.set('authorization', `Bearer ${token}`);
  return m;
}

/** A plain object as a google.protobuf.Struct (wire form). */
export function toStruct(object) {
  const fields = {};
  for (const [key, value] of Object.entries(object)) fields[key] = toValue(value);
  return { fields };
}

export function toValue(value) {
  if (typeof value === 'number') return { numberValue: value };
  if (typeof value === 'string') return { stringValue: value };
  if (typeof value === 'boolean') return { boolValue: value };
  if (value && typeof value === 'object') return { structValue: toStruct(value) };
  return { nullValue: 'NULL_VALUE' };
}
