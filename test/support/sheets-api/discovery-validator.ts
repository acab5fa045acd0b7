// Validation of Sheets API requests against Google's v4 discovery document (vendored in
// test/fixtures/google/): which method a URL is, its query parameters, and its JSON body checked
// field by field (unknown names, types, enums, unions, field masks), plus the chart rules that need no
// spreadsheet state. Rules that need the spreadsheet (ids, titles, grid) live in the stand-in.
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import type { RuleId } from "./rules.ts";

interface Property {
  type?: string;
  $ref?: string;
  format?: string;
  enum?: string[];
  enumDescriptions?: string[];
  items?: Property;
  additionalProperties?: Property;
  properties?: Record<string, Property>;
  description?: string;
  location?: string;
  repeated?: boolean;
  required?: boolean;
}
interface Schema extends Property {
  id: string;
}
export interface DiscoveryMethod {
  id: string;
  flatPath: string;
  httpMethod: string;
  parameters?: Record<string, Property>;
  request?: { $ref: string };
  response?: { $ref: string };
}
interface Resource {
  methods?: Record<string, DiscoveryMethod>;
  resources?: Record<string, Resource>;
}
interface Discovery {
  revision: string;
  parameters: Record<string, Property>;
  schemas: Record<string, Schema>;
  resources: Record<string, Resource>;
}

export const DISCOVERY_PATH = fileURLToPath(
  new URL("../../fixtures/google/sheets-v4.discovery.json", import.meta.url),
);
export const discovery: Discovery = JSON.parse(readFileSync(DISCOVERY_PATH, "utf8"));

export interface Violation {
  /** Google's path style: requests[0].add_chart.chart.spec.basic_chart.series[0].target_axis */
  field: string;
  description: string;
  rule: RuleId;
}

// ---- methods ------------------------------------------------------------------------------------

interface MethodRoute {
  method: DiscoveryMethod;
  pattern: RegExp;
  names: string[];
}

const ROUTES: MethodRoute[] = [];
(function collect(resources: Record<string, Resource>) {
  for (const r of Object.values(resources)) {
    for (const m of Object.values(r.methods ?? {})) {
      const names: string[] = [];
      // Path parameters are URL-encoded by the client (fullyEncodeReservedExpansion), so none holds / or :.
      const source = m.flatPath.replace(/[.*+?^$()|[\]\\]/g, "\\$&").replace(/\{(\w+)\}/g, (_, name) => {
        names.push(name);
        return "([^/:]+)";
      });
      ROUTES.push({ method: m, pattern: new RegExp(`^/${source}$`), names });
    }
    collect(r.resources ?? {});
  }
})(discovery.resources);

/** The discovery method an HTTP request is, with its decoded path parameters. */
export function findMethod(
  httpMethod: string,
  rawPathname: string,
): { method: DiscoveryMethod; params: Record<string, string> } | undefined {
  for (const route of ROUTES) {
    if (route.method.httpMethod !== httpMethod) continue;
    const m = route.pattern.exec(rawPathname);
    if (!m) continue;
    const params: Record<string, string> = {};
    route.names.forEach((name, i) => {
      params[name] = decodeURIComponent(m[i + 1]!);
    });
    return { method: route.method, params };
  }
  return undefined;
}

// ---- values ---------------------------------------------------------------------------------------

const snake = (name: string) => name.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);
const at = (path: string, name: string) => (path ? `${path}.${snake(name)}` : snake(name));
const INT32 = [-(2 ** 31), 2 ** 31 - 1] as const;

/** The unions Google documents as "Union field … can be only one of the following". */
const UNIONS: Record<string, { name: string; members: string[]; required?: boolean }[]> = {
  ExtendedValue: [
    { name: "value", members: ["numberValue", "stringValue", "boolValue", "formulaValue", "errorValue"] },
  ],
  ChartData: [{ name: "type", members: ["sourceRange", "columnReference"] }],
  EmbeddedObjectPosition: [{ name: "location", members: ["sheetId", "overlayPosition", "newSheet"] }],
  UpdateCellsRequest: [{ name: "area", members: ["start", "range"] }],
  ProtectedRange: [{ name: "range", members: ["range", "namedRangeId", "tableId"] }],
  ChartSpec: [
    {
      name: "chart",
      members: [
        "basicChart",
        "pieChart",
        "bubbleChart",
        "candlestickChart",
        "orgChart",
        "histogramChart",
        "waterfallChart",
        "treemapChart",
        "scorecardChart",
      ],
    },
  ],
};

/** Field masks and the schema at their root. */
const FIELD_MASK_ROOTS: Record<string, string> = {
  UpdateCellsRequest: "CellData",
  RepeatCellRequest: "CellData",
  UpdateSheetPropertiesRequest: "SheetProperties",
  UpdateDimensionPropertiesRequest: "DimensionProperties",
  UpdateSpreadsheetPropertiesRequest: "SpreadsheetProperties",
  UpdateProtectedRangeRequest: "ProtectedRange",
};

function typeName(p: Property): string {
  if (p.$ref) return p.$ref;
  return p.format ? `${p.type} (${p.format})` : (p.type ?? "any");
}

function checkScalar(p: Property, value: unknown, field: string, out: Violation[]): void {
  const bad = () => {
    out.push({
      field,
      description: `Invalid value at '${field}' (${typeName(p)}), ${JSON.stringify(value)}`,
      rule: "FIELD_TYPE",
    });
  };
  switch (p.type) {
    case "string": {
      if (typeof value !== "string") {
        bad();
        return;
      }
      if (p.enum) {
        if (!p.enum.includes(value)) {
          out.push({
            field,
            description: `Invalid value at '${field}' (TYPE_ENUM), ${JSON.stringify(value)}`,
            rule: "ENUM_VALUE",
          });
        } else if (value.endsWith("_UNSPECIFIED")) {
          out.push({
            field,
            description: `Invalid value at '${field}': ${value} ${p.enumDescriptions?.[p.enum.indexOf(value)] ?? "must not be used"}`,
            rule: "ENUM_UNSPECIFIED",
          });
        }
      }
      return;
    }
    case "boolean":
      if (typeof value !== "boolean") bad();
      return;
    case "integer": {
      const n = typeof value === "string" && /^-?\d+$/.test(value) ? Number(value) : value;
      if (
        typeof n !== "number" ||
        !Number.isInteger(n) ||
        (p.format === "int32" && (n < INT32[0] || n > INT32[1]))
      )
        bad();
      return;
    }
    case "number": {
      if (
        typeof value === "number"
          ? !Number.isFinite(value)
          : !["NaN", "Infinity", "-Infinity"].includes(String(value))
      )
        bad();
      return;
    }
    case "any":
    case undefined:
      return;
  }
}

/** Checks `value` against a property or schema of the discovery document, appending what is wrong. */
export function checkValue(p: Property, value: unknown, field: string, out: Violation[]): void {
  // proto3 JSON: null is accepted for every field and means "not set".
  if (value === null) return;
  if (p.$ref) {
    checkMessage(p.$ref, value, field, out);
    return;
  }
  if (p.type === "array") {
    if (!Array.isArray(value)) {
      out.push({ field, description: `Invalid value at '${field}', expected a list`, rule: "FIELD_TYPE" });
      return;
    }
    value.forEach((v, i) => {
      checkValue(p.items ?? {}, v, `${field}[${i}]`, out);
    });
    return;
  }
  if (p.type === "object") {
    if (typeof value !== "object" || Array.isArray(value)) {
      out.push({ field, description: `Invalid value at '${field}', expected an object`, rule: "FIELD_TYPE" });
      return;
    }
    for (const [k, v] of Object.entries(value as Record<string, unknown>)) {
      const sub = p.properties?.[k] ?? p.additionalProperties;
      if (!sub) unknownName(k, field, out);
      else checkValue(sub, v, `${field}[${JSON.stringify(k)}]`, out);
    }
    return;
  }
  checkScalar(p, value, field, out);
}

function unknownName(name: string, field: string, out: Violation[]) {
  out.push({
    field,
    description: `Invalid JSON payload received. Unknown name "${name}" at '${field}': Cannot find field.`,
    rule: "UNKNOWN_FIELD",
  });
}

function checkMessage(schemaName: string, value: unknown, field: string, out: Violation[]): void {
  const schema = discovery.schemas[schemaName];
  if (!schema) throw new Error(`no schema ${schemaName} in the discovery document`);
  if (typeof value !== "object" || Array.isArray(value) || value === null) {
    out.push({
      field,
      description: `Invalid value at '${field}' (type.googleapis.com/google.apps.sheets.v4.${schemaName}), ${JSON.stringify(value)}`,
      rule: "FIELD_TYPE",
    });
    return;
  }
  const obj = value as Record<string, unknown>;
  for (const [k, v] of Object.entries(obj)) {
    const prop = schema.properties?.[k];
    if (!prop) unknownName(k, field, out);
    else checkValue(prop, v, at(field, k), out);
  }
  const set = (k: string) => obj[k] !== undefined && obj[k] !== null;
  if (schemaName === "Request") {
    const kinds = Object.keys(obj).filter(set);
    if (kinds.length !== 1) {
      out.push({
        field,
        description:
          kinds.length === 0
            ? `Invalid ${field}: No request set.`
            : `Invalid value at '${field}' (oneof), oneof field 'kind' is already set. Cannot set '${kinds[1]}'`,
        rule: "ONE_KIND_PER_REQUEST",
      });
    }
  }
  for (const union of UNIONS[schemaName] ?? []) {
    const present = union.members.filter(set);
    if (present.length > 1) {
      out.push({
        field: at(field, present[1]!),
        description: `Invalid value at '${field}' (oneof), oneof field '${union.name}' is already set. Cannot set '${present[1]}'`,
        rule: "UNION_FIELD",
      });
    }
  }
  const maskRoot = FIELD_MASK_ROOTS[schemaName];
  if (maskRoot) checkFieldMask(maskRoot, obj.fields, at(field, "fields"), out);
  if (schemaName === "NumberFormat" && !set("type")) {
    out.push({
      field: at(field, "type"),
      description: `Invalid ${field}: the number format's type must be set when writing`,
      rule: "NUMBER_FORMAT_TYPE",
    });
  }
  if (schemaName === "ProtectedRange" && obj.warningOnly === true && set("editors")) {
    out.push({
      field: at(field, "editors"),
      description: `Invalid ${field}: editors are not supported with warning_only protection`,
      rule: "WARNING_ONLY_EDITORS",
    });
  }
  if (schemaName === "BasicChartSpec") checkBasicChart(obj, field, out);
}

// ---- field masks --------------------------------------------------------------------------------

/** Splits `a.b,c(d,e)` into paths: ["a.b", "c.d", "c.e"]. */
export function maskPaths(mask: string): string[] {
  const out: string[] = [];
  let i = 0;
  const list = (prefix: string) => {
    while (i < mask.length) {
      let name = "";
      while (i < mask.length && !",()".includes(mask[i]!)) name += mask[i++];
      name = name.trim();
      const full = prefix && name ? `${prefix}.${name}` : prefix || name;
      if (mask[i] === "(") {
        i++;
        list(full);
      } else if (name) out.push(full);
      if (mask[i] === ",") i++;
      else if (mask[i] === ")") {
        i++;
        return;
      }
    }
  };
  list("");
  return out;
}

/** Whether a dotted path names fields of the schema (arrays are walked through). */
function pathExists(schemaName: string, path: string): boolean {
  let p: Property | undefined = discovery.schemas[schemaName];
  for (const part of path.split(".")) {
    while (p?.type === "array") p = p.items;
    if (p?.$ref) p = discovery.schemas[p.$ref];
    if (!p || part === "*") return p !== undefined;
    p = p.properties?.[part] ?? p.additionalProperties;
  }
  return p !== undefined;
}

export function checkFieldMask(rootSchema: string, mask: unknown, field: string, out: Violation[]): void {
  if (typeof mask !== "string" || mask.trim() === "") {
    out.push({
      field,
      description: `Invalid ${field}: At least one field must be specified.`,
      rule: "FIELD_MASK",
    });
    return;
  }
  if (mask.trim() === "*") return;
  for (const path of maskPaths(mask)) {
    if (!pathExists(rootSchema, path)) {
      out.push({
        field,
        description: `Invalid field mask '${mask}' at '${field}': "${path}" is not a field of ${rootSchema}`,
        rule: "FIELD_MASK",
      });
    }
  }
}

// ---- charts ---------------------------------------------------------------------------------------

interface SourceRange {
  startRowIndex?: number;
  endRowIndex?: number;
  startColumnIndex?: number;
  endColumnIndex?: number;
}
type ChartDataJson = { sourceRange?: { sources?: SourceRange[] } } | undefined;

/** The minor axes a series may be pinned to (BasicChartAxis.position enumDescriptions). */
export function minorAxes(chartType: string): string[] {
  return chartType === "BAR" ? ["BOTTOM_AXIS"] : ["LEFT_AXIS", "RIGHT_AXIS"];
}

function checkBasicChart(spec: Record<string, unknown>, field: string, out: Violation[]) {
  const chartType = String(spec.chartType ?? "");
  const series = (Array.isArray(spec.series) ? spec.series : []) as {
    targetAxis?: string;
    type?: string;
    series?: ChartDataJson;
  }[];
  series.forEach((s, i) => {
    if (s.targetAxis && !minorAxes(chartType).includes(s.targetAxis)) {
      out.push({
        field: `${field}.series[${i}].target_axis`,
        description: `Invalid ${field}.series[${i}]: ${s.targetAxis} is not a valid minor axis of a ${chartType} chart (allowed: ${minorAxes(chartType).join(", ")})`,
        rule: "CHART_SERIES_AXIS",
      });
    }
    if (s.type && chartType !== "COMBO") {
      out.push({
        field: `${field}.series[${i}].type`,
        description: `Invalid ${field}.series[${i}]: a series type is valid only on a COMBO chart`,
        rule: "CHART_SERIES_TYPE",
      });
    }
  });
  const axes = (Array.isArray(spec.axis) ? spec.axis : []) as { position?: string }[];
  const positions = axes.map((a) => a.position);
  const repeated = positions.find((p, i) => p && positions.indexOf(p) !== i);
  if (repeated) {
    out.push({
      field: `${field}.axis`,
      description: `Invalid ${field}: more than one axis at ${repeated}`,
      rule: "CHART_AXIS_PER_POSITION",
    });
  }
  const domains = (Array.isArray(spec.domains) ? spec.domains : []) as { domain?: ChartDataJson }[];
  if (domains.length > 1) {
    out.push({
      field: `${field}.domains`,
      description: `Invalid ${field}: only a single domain is supported`,
      rule: "CHART_SINGLE_DOMAIN",
    });
  }
  const ranges = [...domains.map((d) => d.domain), ...series.map((s) => s.series)]
    .map((d) => d?.sourceRange?.sources)
    .filter((s): s is SourceRange[] => Array.isArray(s));
  const counts = new Set(ranges.map((r) => r.length));
  const lengthOne = (r: SourceRange) => {
    const rows = (r.endRowIndex ?? Number.POSITIVE_INFINITY) - (r.startRowIndex ?? 0);
    const cols = (r.endColumnIndex ?? Number.POSITIVE_INFINITY) - (r.startColumnIndex ?? 0);
    return rows === 1 ? "row" : cols === 1 ? "column" : undefined;
  };
  const dims = new Set(ranges.flat().map(lengthOne));
  if (counts.size > 1 || dims.has(undefined) || dims.size > 1) {
    out.push({
      field: `${field}.series`,
      description: `Invalid ${field}: every source range must be one row or one column, the same for all, and the domain and every series must have the same number of source ranges`,
      rule: "CHART_SOURCE_RANGES",
    });
  }
}

// ---- whole requests -------------------------------------------------------------------------------

const GLOBAL_PARAMETERS = discovery.parameters;

/** Query parameters of a method call (path parameters excluded). */
export function checkQuery(method: DiscoveryMethod, query: URLSearchParams, out: Violation[]): void {
  const seen = new Map<string, string[]>();
  for (const [k, v] of query) seen.set(k, [...(seen.get(k) ?? []), v]);
  for (const [name, values] of seen) {
    const p = method.parameters?.[name] ?? GLOBAL_PARAMETERS[name];
    if (!p || p.location === "path") {
      out.push({
        field: name,
        description: `Invalid JSON payload received. Unknown name "${name}": Cannot bind query parameter. Field '${name}' could not be found in request message.`,
        rule: "QUERY_PARAMETER",
      });
      continue;
    }
    if (values.length > 1 && !p.repeated) {
      out.push({ field: name, description: `Parameter '${name}' is not repeated`, rule: "QUERY_PARAMETER" });
    }
    for (const v of values) {
      if (p.type === "boolean" && v !== "true" && v !== "false") {
        out.push({
          field: name,
          description: `Invalid value at '${name}' (TYPE_BOOL), "${v}"`,
          rule: "FIELD_TYPE",
        });
      } else if (p.type === "string") checkScalar(p, v, snake(name), out);
    }
  }
  for (const [name, p] of Object.entries(method.parameters ?? {})) {
    if (p.required && p.location === "query" && !seen.has(name)) {
      out.push({
        field: name,
        description: `'${name}' is required but not specified`,
        rule: "QUERY_PARAMETER",
      });
    }
  }
  const fields = seen.get("fields")?.[0];
  if (fields !== undefined && method.response) checkFieldMask(method.response.$ref, fields, "fields", out);
}

/** The body of a method call against its request schema. */
export function checkBody(method: DiscoveryMethod, body: unknown, out: Violation[]): void {
  if (!method.request) return;
  checkMessage(method.request.$ref, body ?? {}, "", out);
}
