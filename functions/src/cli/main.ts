// The `kbo` command: parses arguments (commander), runs one command, and turns known errors into
// one clear line and an exit code. Unknown errors keep their stack: they are bugs.
import { Command, CommanderError } from "commander";
import { firestoreAppError } from "../adapters/firestore/firestore-errors.ts";
import { isAppError } from "../app-error.ts";
import { exitCodeOf } from "../error-codes.ts";
import { type CliIo, EXIT, processIo } from "./io.ts";

type Register = (program: Command, io: CliIo, setExit: (code: number) => void) => void;

// Each command's module loads only when that command runs: puppeteer, Firestore and the Functions
// Framework cost seconds to import, and `kbo validate` needs none of them.
const COMMANDS: Record<string, () => Promise<Register>> = {
  validate: async () => (await import("./commands/validate.ts")).registerValidateCommand,
  sync: async () => (await import("./commands/sync.ts")).registerSyncCommand,
  summarize: async () => (await import("./commands/summarize.ts")).registerSummarizeCommand,
  report: async () => (await import("./commands/report.ts")).registerReportCommand,
  "summary-report": async () => (await import("./commands/summary-report.ts")).registerSummaryReportCommand,
  demo: async () => (await import("./commands/demo.ts")).registerDemoCommand,
  serve: async () => (await import("./commands/serve.ts")).registerServeCommand,
  reconcile: async () => (await import("./commands/reconcile.ts")).registerReconcileCommand,
};

export async function main(argv: string[], io: CliIo = processIo()): Promise<number> {
  let exitCode: number = EXIT.ok;
  const setExit = (code: number) => {
    exitCode = code;
  };
  const program = new Command()
    .name("kbo")
    .description("KBO records: ตรวจสอบ ซิงค์ สรุป และรายงานการประชุม / validate, sync, summarise and report")
    .exitOverride()
    .configureOutput({ writeOut: (s) => io.stdout(s), writeErr: (s) => io.stderr(s) });

  try {
    const named = argv[2];
    const wanted = named !== undefined && named in COMMANDS ? [named] : Object.keys(COMMANDS);
    for (const register of await Promise.all(wanted.map((name) => COMMANDS[name]!()))) {
      register(program, io, setExit);
    }
    await program.parseAsync(argv);
    return exitCode;
  } catch (e) {
    if (e instanceof CommanderError) {
      return e.exitCode === 0 ? EXIT.ok : EXIT.unusableInput;
    }
    const known = isAppError(e) ? e : firestoreAppError(e, io.env.FIRESTORE_EMULATOR_HOST);
    if (known) {
      io.stderr(`kbo: ${known.message} [${known.code}]`);
      return exitCodeOf(known.code);
    }
    throw e;
  }
}
