// Every rule the Sheets API stand-in enforces, each with the Google reference text it comes from:
// the v4 discovery document (test/fixtures/google/sheets-v4.discovery.json, revision 20260527) or
// the reference pages named by URL. A refusal names its rule, so a test can say which rule spoke.

export interface Rule {
  /** Where Google says it: "discovery: <schema>.<field>" or a reference page's URL. */
  source: string;
  /** Google's words. */
  quote: string;
}

const DISCOVERY = "discovery";
const REQUEST_PAGE = "https://developers.google.com/sheets/api/reference/rest/v4/spreadsheets/request";
const CONCEPTS_PAGE = "https://developers.google.com/workspace/sheets/api/guides/concepts";
const LIMITS_PAGE = "https://developers.google.com/workspace/sheets/api/limits";

export const RULES = {
  // ---- the discovery document's schemas and parameters ----------------------------------------
  UNKNOWN_FIELD: {
    source: `${DISCOVERY}: schemas.*.properties (every request body's schema, e.g. BatchUpdateSpreadsheetRequest)`,
    quote:
      "Each schema lists its fields; Google answers a field it does not list with 'Invalid JSON payload received. Unknown name \"…\" at '…': Cannot find field.'",
  },
  FIELD_TYPE: {
    source: `${DISCOVERY}: schemas.*.properties.*.type / format (string, boolean, integer int32, number, array, object)`,
    quote: 'e.g. SheetProperties.sheetId: {"type": "integer", "format": "int32"}',
  },
  ENUM_VALUE: {
    source: `${DISCOVERY}: schemas.*.properties.*.enum and parameters.*.enum`,
    quote: 'e.g. BasicChartSpec.chartType: "enum": ["BASIC_CHART_TYPE_UNSPECIFIED", "BAR", "LINE", …]',
  },
  ENUM_UNSPECIFIED: {
    source: `${DISCOVERY}: enumDescriptions of every *_UNSPECIFIED value`,
    quote:
      'BASIC_CHART_TYPE_UNSPECIFIED: "Default value, do not use."; INPUT_VALUE_OPTION_UNSPECIFIED: "Default input value. This value must not be used."',
  },
  QUERY_PARAMETER: {
    source: `${DISCOVERY}: resources.spreadsheets…methods.*.parameters and the global parameters`,
    quote:
      "Each method lists its query parameters (e.g. values.batchGet: ranges, majorDimension, valueRenderOption, dateTimeRenderOption); Google answers any other with 'Cannot bind query parameter'.",
  },
  ONE_KIND_PER_REQUEST: {
    source: REQUEST_PAGE,
    quote:
      "Request: A single kind of update to apply to a spreadsheet. // Union field kind can be only one of the following: updateSpreadsheetProperties, updateSheetProperties, …",
  },
  UNION_FIELD: {
    source:
      "https://developers.google.com/sheets/api/reference/rest/v4/spreadsheets (ExtendedValue 'Union field value', ChartSpec 'Union field chart', ChartData 'Union field type', EmbeddedObjectPosition 'Union field location', UpdateCellsRequest 'Union field area'); discovery: ProtectedRange.range",
    quote:
      "Union field … can be only one of the following. ProtectedRange.range: 'When writing, only one of range or named_range_id or table_id may be set.'",
  },
  FIELD_MASK: {
    source: `${DISCOVERY}: UpdateCellsRequest.fields, UpdateSheetPropertiesRequest.fields, UpdateDimensionPropertiesRequest.fields, RepeatCellRequest.fields`,
    quote:
      'The fields that should be updated. At least one field must be specified. The root `properties` is implied and should not be specified. A single `"*"` can be used as short-hand for listing every field.',
  },
  NUMBER_FORMAT_TYPE: {
    source: `${DISCOVERY}: NumberFormat.type`,
    quote: "The type of the number format. When writing, this field must be set.",
  },
  VALUE_INPUT_OPTION: {
    source: `${DISCOVERY}: ValueInputOption INPUT_VALUE_OPTION_UNSPECIFIED (values.update, values.batchUpdate)`,
    quote: "Default input value. This value must not be used.",
  },
  // ---- charts -------------------------------------------------------------------------------------
  CHART_SERIES_AXIS: {
    source: `${DISCOVERY}: BasicChartSeries.targetAxis and BasicChartAxis.position enumDescriptions`,
    quote:
      "It is an error to specify an axis that isn't a valid minor axis for the chart's type. BOTTOM_AXIS: 'For most charts, this is the standard major axis. For bar charts, this is a minor axis.' LEFT_AXIS: 'For most charts, this is a minor axis. For bar charts, this is the standard major axis.' RIGHT_AXIS: 'For most charts, this is a minor axis. For bar charts, this is an unusual major axis.'",
  },
  CHART_AXIS_PER_POSITION: {
    source: `${DISCOVERY}: BasicChartAxis`,
    quote: "An axis of the chart. A chart may not have more than one axis per axis position.",
  },
  CHART_SINGLE_DOMAIN: {
    source: `${DISCOVERY}: BasicChartSpec.domains`,
    quote: "The domain of data this is charting. Only a single domain is supported.",
  },
  CHART_SOURCE_RANGES: {
    source: `${DISCOVERY}: ChartSourceRange.sources`,
    quote:
      "Exactly one dimension must have a length of 1, and all sources in the list must have the same dimension with length 1. The domain (if it exists) & all series must have the same number of source ranges.",
  },
  CHART_SERIES_TYPE: {
    source: `${DISCOVERY}: BasicChartSeries.type`,
    quote: "The type of this series. Valid only if the chartType is COMBO.",
  },
  // ---- ids, titles, ranges, limits ---------------------------------------------------------------
  ID_EXISTS: {
    source: `${DISCOVERY}: GridRange.sheetId, GridCoordinate.sheetId, DimensionRange.sheetId, UpdateSheetPropertiesRequest, DeleteSheetRequest.sheetId, UpdateChartSpecRequest.chartId`,
    quote:
      "'The sheet this range is on.' 'Updates properties of the sheet with the specified sheetId.' 'The ID of the chart to update.' Google answers an id no sheet or chart has with 'No grid with id: …'.",
  },
  ID_NEW: {
    source: `${DISCOVERY}: AddSheetRequest.properties, AddChartRequest.chart, AddProtectedRangeRequest.protectedRange`,
    quote:
      "(It is an error to specify the ID of a sheet that already exists.) (It is an error to specify the ID of an embedded object that already exists.) (It is an error to specify the ID of a range that already exists.)",
  },
  SHEET_ID_NON_NEGATIVE: {
    source: `${DISCOVERY}: SheetProperties.sheetId`,
    quote: "The ID of the sheet. Must be non-negative. This field cannot be changed once set.",
  },
  SHEET_TITLE_UNIQUE: {
    source: CONCEPTS_PAGE,
    quote: "A Sheet resource represents each sheet and has a unique title and numeric sheetId value.",
  },
  RANGE_IN_GRID: {
    source: `${DISCOVERY}: GridRange, GridProperties.rowCount / columnCount`,
    quote:
      "All indexes are zero-based. Indexes are half open … The start index must always be less than or equal to the end index. GridProperties.rowCount: 'The number of rows in the grid.' (Google: 'Range (…) exceeds grid limits.')",
  },
  CELL_LIMIT: {
    source: "https://support.google.com/drive/answer/37603 (linked from the usage limits page)",
    quote:
      "Up to 10 million cells or 18,278 columns (column ZZZ) for spreadsheets that are created in or converted to Google Sheets.",
  },
  A1_QUOTED_TITLE: {
    source: `${CONCEPTS_PAGE} (A1 notation)`,
    quote:
      "Single quotes are required for sheet names with spaces or special characters. … A1 (without quotes) refers to cell A1 in the first visible sheet. 'A1' refers to a sheet with the name A1.",
  },
  A1_SHEET_EXISTS: {
    source: `${CONCEPTS_PAGE} (A1 notation)`,
    quote:
      "A syntax used to define a cell or range of cells with a string that contains the sheet name plus the starting and ending cell coordinates. (Google answers an unknown sheet name with 'Unable to parse range: …'.)",
  },
  FROZEN_NOT_ALL: {
    source: `${DISCOVERY}: GridProperties.frozenRowCount (Google's answer to freezing every row)`,
    quote:
      "The number of rows that are frozen in the grid. (Google: 'You can't freeze all visible rows on the sheet.')",
  },
  KEEP_ONE_SHEET: {
    source: `${DISCOVERY}: DeleteSheetRequest (Google's answer to deleting the last sheet)`,
    quote: "Deletes the requested sheet. (Google: 'You can't remove all the sheets in a document.')",
  },
  WARNING_ONLY_EDITORS: {
    source: `${DISCOVERY}: ProtectedRange.editors`,
    quote: "Editors are not supported with warning_only protection.",
  },
  // ---- behaviour ----------------------------------------------------------------------------------
  BATCH_ATOMIC: {
    source: `${DISCOVERY}: BatchUpdateSpreadsheetRequest.requests`,
    quote:
      "Requests will be applied in the order they are specified. If any request is not valid, no requests will be applied.",
  },
  QUOTA_PER_MINUTE: {
    source: LIMITS_PAGE,
    quote:
      "Sheets API has per-minute quotas, and they're refilled every minute. … Read requests: Per minute per project 300, Per minute per user per project 60. Write requests: Per minute per project 300, Per minute per user per project 60. … generates a 429: Too many requests HTTP status code response. … Read requests are calls to any method that retrieves data from a spreadsheet, such as get or search. Write requests are calls to any method that changes a spreadsheet, such as update, clear, or copyTo.",
  },
  PERMISSION_DENIED: {
    source:
      "https://cloud.google.com/apis/design/errors (google.rpc.Code) and Google's answer to an unshared file",
    quote:
      'PERMISSION_DENIED, HTTP 403: {"error": {"code": 403, "message": "The caller does not have permission", "status": "PERMISSION_DENIED"}}',
  },
  LOCALE_FORMATTED_VALUE: {
    source: `${DISCOVERY}: ValueRenderOption FORMATTED_VALUE, DateTimeRenderOption, SpreadsheetProperties.locale`,
    quote:
      "FORMATTED_VALUE: 'Values will be calculated & formatted in the response according to the cell's formatting. Formatting is based on the spreadsheet's locale, not the requesting user's locale.' SERIAL_NUMBER: 'The whole number portion of the value (left of the decimal) counts the days since December 30th 1899.'",
  },
} as const satisfies Record<string, Rule>;

export type RuleId = keyof typeof RULES;
