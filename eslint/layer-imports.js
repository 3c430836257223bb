// The architecture's import rules (DESIGN.md §2), as one ESLint rule: each folder is a layer, and a layer may
// import only the packages and the layers listed for it. Relative imports are resolved to the layer they reach.
import { builtinModules } from 'node:module';
import { dirname, relative, resolve, sep } from 'node:path';

const NODE_BUILTINS = new Set(builtinModules);
const isNodeBuiltin = (source) => source.startsWith('node:') || NODE_BUILTINS.has(source.split('/')[0]);
const packageName = (source) => (source.startsWith('@') ? source.split('/').slice(0, 2).join('/') : source.split('/')[0]);

/** Layers, most specific first. `packages(source)` says whether a bare import is allowed; `reaches` lists layers. */
export const LAYERS = [
  {
    name: 'shared',
    folder: 'shared',
    packages: (source) => ['luxon', 'zod'].includes(packageName(source)),
    packagesRule: 'shared/ imports only luxon, zod and itself (it runs on both sides: no node:*, no DOM, no electron)',
    reaches: ['shared'],
  },
  {
    name: 'renderer',
    folder: 'renderer',
    packages: (source) => source !== 'electron' && !isNodeBuiltin(source),
    packagesRule: "renderer/ talks to the host only through window.triage: no 'electron', no node:*",
    reaches: ['renderer', 'shared'],
  },
  {
    name: 'main/electron',
    folder: 'main/electron',
    packages: () => true,
    reaches: ['main/electron', 'main/core', 'main/simulators', 'shared'],
  },
  {
    name: 'main/core',
    folder: 'main/core',
    packages: (source) => packageName(source) !== 'electron',
    packagesRule: "main/core/ is Electron-free: only main/electron/ imports 'electron'",
    reaches: ['main/core', 'main/simulators', 'shared'],
  },
  {
    name: 'main/simulators',
    folder: 'main/simulators',
    packages: (source) => packageName(source) !== 'electron',
    packagesRule: "only main/electron/ imports 'electron'",
    reaches: ['main/simulators', 'shared'],
  },
  {
    name: 'main/web',
    folder: 'main/web',
    packages: (source) => packageName(source) !== 'electron',
    packagesRule: "only main/electron/ imports 'electron'",
    reaches: ['main/web', 'main/core', 'main/simulators', 'shared'],
  },
  {
    name: 'main/cli',
    folder: 'main/cli',
    packages: (source) => packageName(source) !== 'electron',
    packagesRule: "only main/electron/ imports 'electron'",
    reaches: ['main/cli', 'main/core', 'main/simulators', 'shared'],
  },
  {
    name: 'test',
    folder: 'test',
    packages: (source) => packageName(source) !== 'electron',
    packagesRule: "tests never import 'electron' (it downloads a binary on first require); use Playwright's _electron",
    reaches: null,
  },
];

function layerOf(root, file) {
  const path = relative(root, file).split(sep).join('/');
  return LAYERS.find((layer) => path === layer.folder || path.startsWith(`${layer.folder}/`)) ?? null;
}

export const layerImportsRule = {
  meta: {
    type: 'problem',
    docs: { description: 'enforce the layer import rules of DESIGN.md §2' },
    schema: [{ type: 'object', properties: { root: { type: 'string' } }, additionalProperties: false }],
    messages: {
      package: "'{{source}}' is not allowed here: {{rule}}",
      layer: "'{{source}}' reaches {{target}}/, which {{layer}}/ may not import (allowed: {{allowed}})",
    },
  },
  create(context) {
    const root = context.options[0]?.root ?? context.cwd;
    const file = context.filename;
    const layer = layerOf(root, file);
    if (!layer) return {};
    const check = (node, source) => {
      if (typeof source !== 'string') return;
      if (source.startsWith('.')) {
        if (!layer.reaches) return;
        const target = layerOf(root, resolve(dirname(file), source));
        if (target && !layer.reaches.includes(target.name)) {
          context.report({ node, messageId: 'layer', data: { source, target: target.name, layer: layer.name, allowed: layer.reaches.join(', ') } });
        }
        return;
      }
      if (!layer.packages(source)) {
        context.report({ node, messageId: 'package', data: { source, rule: layer.packagesRule ?? 'not allowed in this layer' } });
      }
    };
    return {
      ImportDeclaration: (node) => check(node, node.source.value),
      ExportNamedDeclaration: (node) => node.source && check(node, node.source.value),
      ExportAllDeclaration: (node) => check(node, node.source.value),
      ImportExpression: (node) => node.source.type === 'Literal' && check(node, node.source.value),
      CallExpression: (node) => {
        if (node.callee.type === 'Identifier' && node.callee.name === 'require' && node.arguments[0]?.type === 'Literal') {
          check(node, node.arguments[0].value);
        }
      },
    };
  },
};
