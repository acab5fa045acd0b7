// The `kbo` command: parses arguments (commander), runs one command, and turns known errors into
// one clear line and an exit code. Unknown errors keep their stack: they are bugs.
import { Command, CommanderError } from "commander";
import { isAppError } from "../app-error.ts";
import { registerDemoCommand } from "./commands/demo.ts";
import { registerReportCommand } from "./commands/report.ts";
import { registerServeCommand } from "./commands/serve.ts";
import { registerSummarizeCommand } from "./commands/summarize.ts";
import { registerSyncCommand } from "./commands/sync.ts";
import { registerValidateCommand } from "./commands/validate.ts";
import { type CliIo, EXIT, processIo } from "./io.ts";

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
  registerValidateCommand(program, io, setExit);
  registerSyncCommand(program, io, setExit);
  registerReportCommand(program, io, setExit);
  registerDemoCommand(program, io, setExit);
  registerSummarizeCommand(program, io, setExit);
  registerServeCommand(program, io);

  try {
    await program.parseAsync(argv);
    return exitCode;
  } catch (e) {
    if (e instanceof CommanderError) {
      return e.exitCode === 0 ? EXIT.ok : EXIT.unusableInput;
    }
    if (isAppError(e)) {
      io.stderr(`kbo: ${e.message} [${e.code}]`);
      return EXIT.unusableInput;
    }
    throw e;
  }
}
