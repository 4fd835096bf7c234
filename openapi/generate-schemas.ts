// `make generate`, the named types users see. openapi-typescript writes each schema as a member of `components`
// (`components["schemas"]["Job"]`), a shape editors and the API reference cannot name: a hover on a job shows
// `{ id: components["schemas"]["JobId"]; ... }` and the reference's `Job` page has no fields. From that file this
// writes generated/schemas.ts:
// - every schema as an interface (an object) or a type alias (anything else), its references to other schemas by
//   name, each field with its own TSDoc: the spec's description, format, default and examples;
// - each operation's query parameters as one interface, `<OperationId>Params`, its lists readonly (a caller may pass
//   `TERMINAL_STATUSES`).
// The types are openapi-typescript's own, renamed, so the two cannot disagree on what the spec means; a unit test
// holds each named type equal to its `components` member. A construct this file does not know fails generation,
// naming it, instead of a type that says something else.
// Usage: tsx openapi/generate-schemas.ts GENERATED_TS SCHEMAS_OUT
import { readFileSync, writeFileSync } from 'node:fs';
import ts from 'typescript';
import { paramsTypeName } from './type-names.js';

const [sourcePath, out] = process.argv.slice(2);
if (!sourcePath || !out) throw new Error('usage: tsx openapi/generate-schemas.ts GENERATED_TS SCHEMAS_OUT');
const file = ts.createSourceFile(sourcePath, readFileSync(sourcePath, 'utf8'), ts.ScriptTarget.Latest, true);
const fail = (node: ts.Node, message: string): never => {
  const { line } = file.getLineAndCharacterOfPosition(node.getStart());
  throw new Error(`${sourcePath}:${line + 1}: ${message}; teach openapi/generate-schemas.ts to write it`);
};

/** The members of a type literal, or a failure naming what it is instead. */
function membersOf(node: ts.Node | undefined, what: string): ts.NodeArray<ts.TypeElement> {
  return node && ts.isTypeLiteralNode(node) ? node.members : fail(node ?? file, `${what} is not an object type`);
}
/** The type of the property `name` of a type literal's members. */
function member(members: ts.NodeArray<ts.TypeElement>, name: string): ts.PropertySignature | undefined {
  return members.find((m): m is ts.PropertySignature => ts.isPropertySignature(m) && nameOf(m) === name);
}
function nameOf(m: ts.PropertySignature): string {
  return ts.isIdentifier(m.name) || ts.isStringLiteral(m.name) || ts.isNumericLiteral(m.name) ? m.name.text : fail(m, 'a computed property name');
}
const topLevel = (name: string) =>
  file.statements.find((s): s is ts.InterfaceDeclaration => ts.isInterfaceDeclaration(s) && s.name.text === name) ??
  fail(file, `no interface ${name}`);

const components = topLevel('components').members;
const schemas = membersOf(member(components, 'schemas')?.type, 'components.schemas');
const parameters = member(components, 'parameters')?.type;
const parameterTypes = parameters && ts.isTypeLiteralNode(parameters) ? parameters.members : undefined;

/** `components["schemas"]["Job"]` as ['schemas', 'Job'], or undefined for any other type. */
function componentRef(node: ts.TypeNode): [string, string] | undefined {
  if (!ts.isIndexedAccessTypeNode(node) || !ts.isLiteralTypeNode(node.indexType) || !ts.isStringLiteral(node.indexType.literal)) return undefined;
  const inner = node.objectType;
  if (!ts.isIndexedAccessTypeNode(inner) || !ts.isTypeReferenceNode(inner.objectType) || inner.objectType.typeName.getText() !== 'components') return undefined;
  const section = ts.isLiteralTypeNode(inner.indexType) && ts.isStringLiteral(inner.indexType.literal) ? inner.indexType.literal.text : undefined;
  return section ? [section, node.indexType.literal.text] : undefined;
}

/** The TSDoc of a node, from openapi-typescript's JSDoc: the description, then format, default and examples. */
function docOf(node: ts.Node): string[] {
  const jsDoc = ts.getJSDocCommentsAndTags(node).filter(ts.isJSDoc).at(-1);
  if (!jsDoc) return [];
  const text = (comment: ts.JSDoc['comment']) => (ts.getTextOfJSDocComment(comment) ?? '').trim();
  const lead = text(jsDoc.comment);
  // openapi-typescript writes `Format: date-time` (and a title) as the comment's leading text.
  const format = /^Format: (.+)$/m.exec(lead)?.[1];
  const title = lead.replace(/^Format: .+$/m, '').trim();
  const description: string[] = [];
  const examples: string[] = [];
  const notes: string[] = [];
  for (const tag of jsDoc.tags ?? []) {
    const name = tag.tagName.text;
    const value = text(tag.comment);
    if (name === 'description') description.push(value);
    else if (name === 'example') examples.push(code(value));
    else if (name === 'default') notes.push(`Default: ${code(value)}.`);
    else if (name === 'deprecated') notes.push(`@deprecated ${value}`.trim());
    // `@enum {string}` and `@constant` restate the type.
    else if (name !== 'enum' && name !== 'constant') fail(node, `the JSDoc tag @${name}`);
  }
  const facts = [format ? `Format: \`${format}\`.` : '', examples.length > 0 ? `${examples.length > 1 ? 'Examples' : 'Example'}: ${examples.join(', ')}.` : '']
    .filter(Boolean)
    .join(' ');
  return [title, ...description, facts, ...notes].filter(Boolean).flatMap((paragraph, i) => [...(i > 0 ? [''] : []), ...dedent(paragraph)]);
}
/** A paragraph's lines without the indentation openapi-typescript gives its continuation lines (Markdown's own kept). */
function dedent(paragraph: string): string[] {
  const [first = '', ...rest] = paragraph.split('\n');
  const indents = rest.filter((line) => line.trim() !== '').map((line) => /^ */.exec(line)?.[0].length ?? 0);
  const common = indents.length > 0 ? Math.min(...indents) : 0;
  return [first.trim(), ...rest.map((line) => line.slice(common).trimEnd())];
}
/** An example as inline code, an array or object on one line (openapi-typescript spreads them over several). */
function code(value: string): string {
  let oneLine = value;
  // Only a list or an object: a number or a string that looks like JSON is kept exactly as the spec has it.
  if (/^[[{]/.test(value)) {
    try {
      oneLine = JSON.stringify(JSON.parse(value));
    } catch {
      oneLine = value.replace(/\s*\n\s*/g, ' ');
    }
  }
  return oneLine.includes('`') ? `\`\` ${oneLine} \`\`` : `\`${oneLine}\``;
}
/** A TSDoc comment of `lines`; a `*\/` in them (openapi-typescript escapes it so, JSON re-encoding may not) stays escaped. */
const comment = (lines: string[], indent: string) =>
  lines.length === 0 ? '' : `${indent}/**\n${lines.map((l) => `${indent} *${l ? ` ${l.replace(/\*\//g, '*\\/')}` : ''}`).join('\n')}\n${indent} */\n`;

/**
 * A type node as TypeScript text, each `components` reference replaced by its name (a schema) or its type (a
 * parameter); `readonlyLists` makes arrays readonly (parameters a caller passes).
 */
function typeText(node: ts.TypeNode, indent: string, readonlyLists: boolean): string {
  const ref = componentRef(node);
  if (ref) {
    const [section, name] = ref;
    if (section === 'schemas' && member(schemas, name)) return name;
    const param = section === 'parameters' && parameterTypes ? member(parameterTypes, name)?.type : undefined;
    return param ? typeText(param, indent, readonlyLists) : fail(node, `components["${section}"]["${name}"]`);
  }
  if (ts.isTypeLiteralNode(node)) return `{\n${membersText(node.members, `${indent}  `, readonlyLists)}${indent}}`;
  if (ts.isArrayTypeNode(node)) {
    const element = typeText(node.elementType, indent, readonlyLists);
    const wrapped = ts.isUnionTypeNode(node.elementType) || ts.isIntersectionTypeNode(node.elementType) || element.startsWith('readonly ') ? `(${element})` : element;
    return `${readonlyLists ? 'readonly ' : ''}${wrapped}[]`;
  }
  if (ts.isUnionTypeNode(node)) return node.types.map((t) => typeText(t, indent, readonlyLists)).join(' | ');
  if (ts.isIntersectionTypeNode(node)) return node.types.map((t) => typeText(t, indent, readonlyLists)).join(' & ');
  if (ts.isParenthesizedTypeNode(node)) return `(${typeText(node.type, indent, readonlyLists)})`;
  const plain = [ts.SyntaxKind.StringKeyword, ts.SyntaxKind.NumberKeyword, ts.SyntaxKind.BooleanKeyword, ts.SyntaxKind.UnknownKeyword, ts.SyntaxKind.NeverKeyword];
  if (plain.includes(node.kind) || ts.isLiteralTypeNode(node)) return node.getText();
  if (ts.isTypeReferenceNode(node) && node.typeName.getText() === 'Record') return node.getText();
  return fail(node, `the type ${ts.SyntaxKind[node.kind]} (${node.getText().replace(/\s+/g, " ").replace(/\[ /g, "[").replace(/ \]/g, "]")})`);
}

/** The members of an object type, each with its TSDoc (a field that only names a schema gets that schema's). */
function membersText(members: readonly ts.TypeElement[], indent: string, readonlyLists: boolean): string {
  return members
    .map((m) => {
      if (ts.isIndexSignatureDeclaration(m)) {
        const [key] = m.parameters;
        const doc = comment(['Any field the spec does not name: the service may add fields.'], indent);
        return `${doc}${indent}[${key?.getText()}]: ${typeText(m.type, indent, readonlyLists)};\n`;
      }
      if (!ts.isPropertySignature(m) || !m.type) return fail(m, `the member ${ts.SyntaxKind[m.kind]}`);
      const ref = componentRef(m.type);
      const named = ref?.[0] === 'schemas' ? member(schemas, ref[1]) : undefined;
      const doc = docOf(m).length > 0 ? docOf(m) : named ? docOf(named) : [];
      const key = /^[A-Za-z_$][\w$]*$/.test(nameOf(m)) ? nameOf(m) : JSON.stringify(nameOf(m));
      const modifiers = m.modifiers?.map((modifier) => (modifier.kind === ts.SyntaxKind.ReadonlyKeyword ? 'readonly ' : fail(modifier, `the modifier ${modifier.getText()}`))).join('') ?? '';
      return `${comment(doc, indent)}${indent}${modifiers}${key}${m.questionToken ? '?' : ''}: ${typeText(m.type, indent, readonlyLists)};\n`;
    })
    .join('');
}

/** One schema: an interface when it is an object (or objects joined by `&`), else a type alias. */
function declaration(m: ts.TypeElement): string {
  if (!ts.isPropertySignature(m) || !m.type) return fail(m, 'a schema that is not a property');
  const name = nameOf(m);
  if (!/^[A-Za-z_$][\w$]*$/.test(name)) fail(m, `the schema name "${name}", which is no TypeScript name: rename the schema`);
  const parts: readonly ts.TypeNode[] = ts.isIntersectionTypeNode(m.type) ? m.type.types : [m.type];
  const objects = parts.filter((p): p is ts.TypeLiteralNode => ts.isTypeLiteralNode(p));
  const members = objects.flatMap((p) => [...p.members]);
  const names = members.filter(ts.isPropertySignature).map(nameOf);
  // Objects joined by `&` are one interface only when that means the same: no name twice, and any index signature
  // (additionalProperties) `unknown`, which every field fits; else the intersection is kept as it is.
  const mergeable =
    objects.length === parts.length &&
    new Set(names).size === names.length &&
    members.every((member) => !ts.isIndexSignatureDeclaration(member) || member.type.kind === ts.SyntaxKind.UnknownKeyword);
  const body = mergeable
    ? `export interface ${name} {\n${membersText(members, '  ', false)}}`
    : `export type ${name} = ${typeText(m.type, '', false)};`;
  return `${comment(docOf(m).length > 0 ? docOf(m) : [name], '')}${body}`;
}

/** `List Jobs (\`GET /fine-tune/jobs\`)`: the summary and route of an operation, from \`paths\`. */
function routeOf(operationId: string): string {
  for (const path of topLevel('paths').members) {
    if (!ts.isPropertySignature(path) || !path.type || !ts.isTypeLiteralNode(path.type)) continue;
    for (const method of path.type.members) {
      if (ts.isPropertySignature(method) && method.type?.getText() === `operations["${operationId}"]`) {
        const summary = (ts.getTextOfJSDocComment(ts.getJSDocCommentsAndTags(method).filter(ts.isJSDoc).at(-1)?.comment) ?? operationId).split('\n')[0];
        return `${summary} (\`${nameOf(method).toUpperCase()} ${nameOf(path)}\`)`;
      }
    }
  }
  return operationId;
}

/** Each operation's query parameters, as `<OperationId>Params`. */
function queryParams(): string[] {
  return topLevel('operations').members.flatMap((op) => {
    if (!ts.isPropertySignature(op) || !op.type) return fail(op, 'an operation that is not a property');
    const shape = membersOf(op.type, `operations.${nameOf(op)}`);
    const query = member(membersOf(member(shape, 'parameters')?.type, `operations.${nameOf(op)}.parameters`), 'query')?.type;
    if (!query || query.kind === ts.SyntaxKind.NeverKeyword) return [];
    const body = member(shape, 'requestBody')?.type;
    if (body && body.kind !== ts.SyntaxKind.NeverKeyword) fail(op, `${nameOf(op)} has both query parameters and a body`);
    const name = paramsTypeName(nameOf(op));
    // Two declarations of one name would merge into one type without a word.
    if (member(schemas, name)) fail(op, `${nameOf(op)}'s query parameters are ${name}, the name of a schema too: rename the schema`);
    const members = membersText(membersOf(query, `${nameOf(op)}'s query`), '  ', true);
    const lists = members.includes('readonly ') ? '; a list may be readonly (`TERMINAL_STATUSES`, say)' : '';
    return [`/** The query parameters of ${routeOf(nameOf(op))}${lists}. */\nexport interface ${name} {\n${members}}`];
  });
}

writeFileSync(
  out,
  `// Generated by openapi/generate-schemas.ts from openapi-typescript's types (fine-tune.ts). Do not edit by hand: run 'make generate'.
// Every schema of the spec as a named type, each field documented from the spec, and each operation's query
// parameters as one interface.

${[...schemas.map(declaration), ...queryParams()].join('\n\n')}
`,
);
