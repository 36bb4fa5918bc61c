// Jest's module runtime cannot require() an ES module on Node < 24.9, and @fastify/static 10
// requires the ESM-only content-disposition 3 (plain Node 20.19+ handles that natively, so
// production uses the real package). This stand-in is mapped for tests only; @fastify/static
// needs it just for reply.download(), which the BFF never calls.
'use strict';
const encode = (name) =>
  encodeURIComponent(name).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
const create = (filename, options = {}) => {
  const type = options.type || 'attachment';
  if (filename === undefined) return type;
  const base = String(filename).split(/[\\/]/).pop();
  const ascii = base.replace(/[^\x20-\x7e]|"/g, '?');
  return `${type}; filename="${ascii}"; filename*=UTF-8''${encode(base)}`;
};
module.exports = { create, default: create };
