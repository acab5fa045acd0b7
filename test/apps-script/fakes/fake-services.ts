// Fakes of the Apps Script services the bundle uses, implementing @types/google-apps-script and the
// platform's rules our code depends on, each with its reference page
// (https://developers.google.com/apps-script/reference/…):
// - scopes: every call is checked against the manifest's oauthScopes (scopes.ts);
// - script/script-app#getProjectTriggers(): "installable triggers associated with the current
//   project and current user": each user sees only their own; installable triggers run as their
//   creator (guides/triggers/installable);
// - script/script-app#getIdentityToken(): String|null, a token only "if the openid scope has been
//   granted" (here: null without openid, or when the test says so);
// - lock/lock#tryLock(Integer): waits up to its timeout for another execution to release the lock,
//   and "has no effect if the lock has already been acquired";
// - utilities/utilities#formatDate(Date,String,String): in the time zone it is given (sheets-values.ts);
// - spreadsheet/sheet#protect(): returns the existing protection (fake-spreadsheet.ts).
// One in-memory state is shared with the tests; `fetch` decides what each HTTP call answers.
import { createHash, randomUUID } from "node:crypto";
import type { Services } from "../../../apps-script/src/services.ts";
import { FakeSpreadsheet, FakeValidationBuilder, PROTECTION_TYPE } from "./fake-spreadsheet.ts";
import { unimplemented } from "./not-implemented.ts";
import { Authorisation, manifestScopes } from "./scopes.ts";
import { formatDateInZone } from "./sheets-values.ts";

type FetchRequest = GoogleAppsScript.URL_Fetch.URLFetchRequest;
type Button = GoogleAppsScript.Base.Button;
type ButtonSet = GoogleAppsScript.Base.ButtonSet;

export interface FakeHttpAnswer {
  status: number;
  body: string;
}
export type FakeFetch = (request: FetchRequest) => FakeHttpAnswer;

export class FakeProperties
  extends unimplemented<GoogleAppsScript.Properties.Properties>("Properties")
  implements GoogleAppsScript.Properties.Properties
{
  readonly map = new Map<string, string>();
  override getProperty(key: string) {
    return this.map.get(key) ?? null;
  }
  /** "Properties … 9 KB per value" (guides/services/quotas). */
  override setProperty(key: string, value: string) {
    if (value.length > 9 * 1024) throw new Error(`Argument too large: value (property ${key})`);
    this.map.set(key, value);
    return this;
  }
  override deleteProperty(key: string) {
    this.map.delete(key);
    return this;
  }
}

/** The script lock, shared by every execution: `heldUntil` is when another execution lets go. */
export class ScriptLockState {
  ownHeld = false;
  /** Epoch ms at which another execution releases the lock (Infinity: never within the test). */
  heldByOtherUntil: number | undefined;
  acquisitions = 0;
  waitedMs = 0;
}

export class FakeLock
  extends unimplemented<GoogleAppsScript.Lock.Lock>("Lock")
  implements GoogleAppsScript.Lock.Lock
{
  constructor(
    private readonly state: ScriptLockState,
    private readonly clock: { now: Date },
  ) {
    super();
  }
  override tryLock(timeoutInMillis: number) {
    if (this.state.ownHeld) return true;
    const now = this.clock.now.getTime();
    const until = this.state.heldByOtherUntil;
    if (until !== undefined && until > now) {
      if (until > now + timeoutInMillis) {
        this.advance(timeoutInMillis);
        return false;
      }
      this.advance(until - now);
      this.state.heldByOtherUntil = undefined;
    }
    this.state.ownHeld = true;
    this.state.acquisitions++;
    return true;
  }
  override waitLock(timeoutInMillis: number) {
    if (!this.tryLock(timeoutInMillis))
      throw new Error("Lock timeout: another process was holding the lock for too long.");
  }
  override hasLock() {
    return this.state.ownHeld;
  }
  override releaseLock() {
    this.state.ownHeld = false;
  }
  private advance(ms: number) {
    this.state.waitedMs += ms;
    this.clock.now = new Date(this.clock.now.getTime() + ms);
  }
}

const BUTTONS = { OK: "OK", CANCEL: "CANCEL", YES: "YES", NO: "NO", CLOSE: "CLOSE" };
const BUTTON_SETS = { OK: "OK", OK_CANCEL: "OK_CANCEL", YES_NO: "YES_NO", YES_NO_CANCEL: "YES_NO_CANCEL" };

export class FakeUi
  extends unimplemented<GoogleAppsScript.Base.Ui>("Ui")
  implements GoogleAppsScript.Base.Ui
{
  readonly alerts: { title: string; prompt?: string }[] = [];
  readonly menus: { caption: string; items: [string, string][] }[] = [];
  /** Answers to prompts and YES_NO alerts, taken in order. */
  promptAnswers: { button: string; text: string }[] = [];
  confirmAnswers: string[] = [];
  override Button = BUTTONS as unknown as typeof GoogleAppsScript.Base.Button;
  override ButtonSet = BUTTON_SETS as unknown as typeof GoogleAppsScript.Base.ButtonSet;
  override createMenu(caption: string) {
    const menu = { caption, items: [] as [string, string][] };
    const ui = this;
    class FakeMenu extends unimplemented<GoogleAppsScript.Base.Menu>("Menu") {
      override addItem(c: string, fn: string) {
        menu.items.push([c, fn]);
        return this;
      }
      override addSeparator() {
        return this;
      }
      override addToUi() {
        ui.menus.push(menu);
      }
    }
    return new FakeMenu();
  }
  override alert(titleOrPrompt: string, prompt?: string | ButtonSet, buttons?: ButtonSet): Button {
    const [title, text, set] =
      typeof prompt === "string" ? [titleOrPrompt, prompt, buttons] : [titleOrPrompt, undefined, prompt];
    this.alerts.push({ title, ...(text === undefined ? {} : { prompt: text }) });
    const answer = String(set) === "YES_NO" ? (this.confirmAnswers.shift() ?? "NO") : "OK";
    return answer as unknown as Button;
  }
  override prompt(title: string, prompt?: string | ButtonSet): GoogleAppsScript.Base.PromptResponse {
    this.alerts.push({ title, ...(typeof prompt === "string" ? { prompt } : {}) });
    const a = this.promptAnswers.shift() ?? { button: "CANCEL", text: "" };
    class FakePromptResponse extends unimplemented<GoogleAppsScript.Base.PromptResponse>("PromptResponse") {
      override getSelectedButton() {
        return a.button as unknown as Button;
      }
      override getResponseText() {
        return a.text;
      }
    }
    return new FakePromptResponse();
  }
}

export interface FakeTrigger {
  id: string;
  owner: string;
  handler: string;
  kind: string;
}

export interface FakeWorld {
  services: Services;
  spreadsheet: FakeSpreadsheet;
  properties: FakeProperties;
  lock: ScriptLockState;
  ui: FakeUi;
  auth: Authorisation;
  requests: FetchRequest[];
  /** Every user's installable triggers (ScriptApp shows each user only their own). */
  triggers: FakeTrigger[];
  files: { folder: string; name: string; bytes: number[] }[];
  folders: { id: string; owner: string; sharedWith: string[] }[];
  clock: { now: Date };
  /** Who runs the current execution (Session.getEffectiveUser). */
  user: { email: string };
  /** The identity token of `email`; null models "no token available". */
  identityToken: (email: string) => string | null;
  /** Makes DriveApp calls fail (a Drive outage, or Drive turned off for the domain). */
  driveDown?: string;
  /** The globals a bundle run in node:vm sees. */
  globals(): Record<string, unknown>;
}

/** An answer of UrlFetchApp: its status and text. */
export class FakeHttpResponse extends unimplemented<GoogleAppsScript.URL_Fetch.HTTPResponse>("HTTPResponse") {
  constructor(readonly answer: FakeHttpAnswer) {
    super();
  }
  override getResponseCode() {
    return this.answer.status;
  }
  override getContentText() {
    return this.answer.body;
  }
}

/** Utilities.formatDate in the zone it is given. */
export const formatDate = formatDateInZone;

export function createFakeWorld(
  options: {
    spreadsheet?: FakeSpreadsheet;
    fetch?: FakeFetch;
    now?: Date;
    scopes?: readonly string[];
    user?: string;
  } = {},
): FakeWorld {
  const spreadsheet = options.spreadsheet ?? new FakeSpreadsheet();
  const auth = new Authorisation(options.scopes ?? manifestScopes());
  spreadsheet.auth = auth;
  const properties = new FakeProperties();
  const lockState = new ScriptLockState();
  const ui = new FakeUi();
  const requests: FetchRequest[] = [];
  const triggers: FakeTrigger[] = [];
  const files: FakeWorld["files"] = [];
  const folders: FakeWorld["folders"] = [];
  const clock = { now: options.now ?? new Date("2020-01-20T03:00:00Z") };
  const user = { email: options.user ?? "staff1@example.org" };
  const fetch =
    options.fetch ?? (() => ({ status: 503, body: '{"error":{"code":"UNAVAILABLE","message":"no"}}' }));

  const world: FakeWorld = {
    services: undefined as unknown as Services,
    spreadsheet,
    properties,
    lock: lockState,
    ui,
    auth,
    requests,
    triggers,
    files,
    folders,
    clock,
    user,
    identityToken: () => "fake-id-token",
    globals: () => {
      const { now: _now, ...globals } = world.services;
      return { ...globals, console };
    },
  };

  class FakeTriggerHandle extends unimplemented<GoogleAppsScript.Script.Trigger>("Trigger") {
    constructor(readonly t: FakeTrigger) {
      super();
    }
    override getHandlerFunction() {
      return this.t.handler;
    }
    override getUniqueId() {
      return this.t.id;
    }
  }
  const install = (handler: string, kind: string) => {
    auth.require("ScriptApp.newTrigger");
    const t = { id: randomUUID(), owner: user.email, handler, kind };
    triggers.push(t);
    return new FakeTriggerHandle(t);
  };
  class SheetTriggerBuilder extends unimplemented<GoogleAppsScript.Script.SpreadsheetTriggerBuilder>(
    "SpreadsheetTriggerBuilder",
  ) {
    constructor(
      readonly handler: string,
      readonly kind = "",
    ) {
      super();
    }
    override onEdit() {
      return new SheetTriggerBuilder(this.handler, "edit");
    }
    override onChange() {
      return new SheetTriggerBuilder(this.handler, "change");
    }
    override create() {
      return install(this.handler, this.kind);
    }
  }
  class ClockTriggerBuilder extends unimplemented<GoogleAppsScript.Script.ClockTriggerBuilder>(
    "ClockTriggerBuilder",
  ) {
    constructor(
      readonly handler: string,
      readonly kind = "",
    ) {
      super();
    }
    override everyMinutes(n: number) {
      return new ClockTriggerBuilder(this.handler, `every ${n} min`);
    }
    override create() {
      return install(this.handler, this.kind);
    }
  }
  class TriggerBuilder extends unimplemented<GoogleAppsScript.Script.TriggerBuilder>("TriggerBuilder") {
    constructor(readonly handler: string) {
      super();
    }
    override forSpreadsheet(_ss: unknown) {
      return new SheetTriggerBuilder(this.handler);
    }
    override timeBased() {
      return new ClockTriggerBuilder(this.handler);
    }
  }
  class ScriptApp extends unimplemented<GoogleAppsScript.Script.ScriptApp>("ScriptApp") {
    override getIdentityToken() {
      // Returns String|null: "an OpenID Connect identity token for the effective user, if the openid
      // scope has been granted" (script/script-app#getIdentityToken()).
      const token = auth.has("openid") ? world.identityToken(user.email) : null;
      return token as string;
    }
    override getProjectTriggers() {
      auth.require("ScriptApp.getProjectTriggers");
      return triggers.filter((t) => t.owner === user.email).map((t) => new FakeTriggerHandle(t));
    }
    override newTrigger(functionName: string) {
      auth.require("ScriptApp.newTrigger");
      return new TriggerBuilder(functionName);
    }
  }

  class FakeBlob extends unimplemented<GoogleAppsScript.Base.Blob>("Blob") {
    constructor(
      readonly bytes: number[],
      readonly name: string,
    ) {
      super();
    }
    override getBytes() {
      return this.bytes;
    }
    override getName() {
      return this.name;
    }
  }
  class Utilities extends unimplemented<GoogleAppsScript.Utilities.Utilities>("Utilities") {
    override DigestAlgorithm = {
      SHA_256: "SHA_256",
    } as unknown as typeof GoogleAppsScript.Utilities.DigestAlgorithm;
    override Charset = {
      UTF_8: "UTF_8",
      US_ASCII: "US_ASCII",
    } as unknown as typeof GoogleAppsScript.Utilities.Charset;
    /** The digest as Apps Script gives it: signed bytes (utilities/utilities#computeDigest(DigestAlgorithm,String,Charset)). */
    override computeDigest(algorithm: unknown, value: unknown, charset?: unknown) {
      if (String(algorithm) !== "SHA_256" || typeof value !== "string" || String(charset) !== "UTF_8") {
        throw new Error(
          "Utilities.computeDigest other than SHA-256 of UTF-8 text is not implemented in the fake",
        );
      }
      return [...createHash("sha256").update(value, "utf8").digest()].map((b) => (b > 127 ? b - 256 : b));
    }
    override getUuid() {
      return randomUUID();
    }
    override formatDate(date: Date, timeZone: string, format: string) {
      return formatDateInZone(date, timeZone, format);
    }
    override base64Decode(encoded: string) {
      return [...Buffer.from(encoded, "base64")].map((b) => (b > 127 ? b - 256 : b));
    }
    override newBlob(data: unknown, _contentType?: string, name?: string) {
      if (!Array.isArray(data)) throw new Error("Utilities.newBlob(string) is not implemented in the fake");
      return new FakeBlob(data as number[], name ?? "");
    }
  }

  const driveCheck = (call: string) => {
    auth.require(call);
    if (world.driveDown) throw new Error(world.driveDown);
  };
  class FakeFile extends unimplemented<GoogleAppsScript.Drive.File>("File") {
    constructor(readonly url: string) {
      super();
    }
    override getUrl() {
      driveCheck("File.getUrl");
      return this.url;
    }
  }
  class FakeFolder extends unimplemented<GoogleAppsScript.Drive.Folder>("Folder") {
    constructor(readonly id: string) {
      super();
    }
    override getId() {
      driveCheck("Folder.getId");
      return this.id;
    }
    override createFile(blob: unknown) {
      driveCheck("Folder.createFile");
      const b = blob as FakeBlob;
      files.push({ folder: this.id, name: b.name, bytes: b.bytes.map((x) => x & 0xff) });
      return new FakeFile(`https://drive.example/${this.id}/${files.length}`);
    }
  }
  class DriveApp extends unimplemented<GoogleAppsScript.Drive.DriveApp>("DriveApp") {
    override getFolderById(id: string) {
      driveCheck("DriveApp.getFolderById");
      const folder = folders.find((f) => f.id === id);
      // Someone else's folder that was never shared reads as absent, as in Drive.
      if (!folder || (folder.owner !== user.email && !folder.sharedWith.includes(user.email))) {
        throw new Error(
          "No item with the given ID could be found, or you do not have permission to access it.",
        );
      }
      return new FakeFolder(id);
    }
    override createFolder(_name: string) {
      driveCheck("DriveApp.createFolder");
      const id = `folder-${folders.length + 1}`;
      folders.push({ id, owner: user.email, sharedWith: [] });
      return new FakeFolder(id);
    }
  }

  class FakeUser extends unimplemented<GoogleAppsScript.Base.User>("User") {
    override getEmail() {
      return user.email;
    }
  }
  class Session extends unimplemented<GoogleAppsScript.Base.Session>("Session") {
    override getEffectiveUser() {
      auth.require("Session.getEffectiveUser");
      return new FakeUser();
    }
  }

  class UrlFetchApp extends unimplemented<GoogleAppsScript.URL_Fetch.UrlFetchApp>("UrlFetchApp") {
    override fetchAll(reqs: (FetchRequest | string)[]) {
      auth.require("UrlFetchApp.fetchAll");
      return reqs.map((r) => {
        if (typeof r === "string")
          throw new Error("UrlFetchApp.fetchAll(urls) is not implemented in the fake");
        requests.push(r);
        return new FakeHttpResponse(fetch(r));
      });
    }
  }
  class SpreadsheetApp extends unimplemented<GoogleAppsScript.Spreadsheet.SpreadsheetApp>("SpreadsheetApp") {
    override ProtectionType = PROTECTION_TYPE;
    override getActive() {
      auth.require("SpreadsheetApp.getActive");
      return spreadsheet;
    }
    override getUi() {
      return ui;
    }
    override newDataValidation() {
      return new FakeValidationBuilder();
    }
  }
  class PropertiesService extends unimplemented<GoogleAppsScript.Properties.PropertiesService>(
    "PropertiesService",
  ) {
    override getScriptProperties() {
      return properties;
    }
  }
  class LockService extends unimplemented<GoogleAppsScript.Lock.LockService>("LockService") {
    override getScriptLock() {
      return new FakeLock(lockState, clock);
    }
  }

  world.services = {
    SpreadsheetApp: new SpreadsheetApp(),
    PropertiesService: new PropertiesService(),
    LockService: new LockService(),
    UrlFetchApp: new UrlFetchApp(),
    ScriptApp: new ScriptApp(),
    Utilities: new Utilities(),
    DriveApp: new DriveApp(),
    Session: new Session(),
    now: () => clock.now,
  };
  return world;
}

/** Runs `action` as another staff member (Session, triggers and tokens follow), then switches back. */
export function runAs<T>(world: FakeWorld, email: string, action: () => T): T {
  const before = world.user.email;
  world.user.email = email;
  try {
    return action();
  } finally {
    world.user.email = before;
  }
}

/** The installable triggers of one kind, each with the user it runs as. */
export const triggersOf = (world: FakeWorld, kind: string) => world.triggers.filter((t) => t.kind === kind);
