// `kbo serve [--port 8080]`: every HTTP function on one local port at /<functionName>, against the
// configured Firestore (or the local emulator under .kbo/), for Apps Script development.
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { getTestServer } from "@google-cloud/functions-framework/testing";
import type { Command } from "commander";
import { AppError } from "../../app-error.ts";
import { loadConfig } from "../../config.ts";
import { createDeps, FUNCTION_NAMES, registerFunctions } from "../../functions.ts";
import type { CliIo } from "../io.ts";
import { openFirestore } from "../open-firestore.ts";

export interface RunningServe {
  url: string;
  close(): Promise<void>;
}

export async function startServe(io: CliIo, port: number): Promise<RunningServe> {
  const config = loadConfig(io.env);
  const firestore = await openFirestore(io);
  registerFunctions({ ...createDeps(config), db: () => firestore.db });
  // One Functions Framework app per function, each reached through its own path.
  const apps = new Map<string, Server>(FUNCTION_NAMES.map((name) => [name, getTestServer(name)]));
  const server = createServer((req, res) => {
    const [path = "", query = ""] = (req.url ?? "/").split("?");
    const app = apps.get(path.replace(/^\/+|\/+$/g, ""));
    if (!app) {
      res.writeHead(404, { "content-type": "application/json" });
      res.end(
        JSON.stringify({
          error: {
            code: "NOT_FOUND",
            message: `no function at ${path}; try ${[...apps.keys()].map((n) => `/${n}`).join(", ")}`,
          },
        }),
      );
      return;
    }
    req.url = query ? `/?${query}` : "/";
    app.emit("request", req, res);
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", (e: NodeJS.ErrnoException) =>
      reject(
        e.code === "EADDRINUSE"
          ? new AppError("PORT_IN_USE", `พอร์ต ${port} ถูกใช้อยู่ / port ${port} is in use`)
          : e,
      ),
    );
    server.listen(port, "127.0.0.1", resolve);
  });
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  io.stdout(`Firestore: ${firestore.where}`);
  for (const name of FUNCTION_NAMES) io.stdout(`  POST ${url}/${name}`);
  return {
    url,
    close: async () => {
      await new Promise((resolve) => server.close(resolve));
      await firestore.close();
    },
  };
}

export function registerServeCommand(program: Command, io: CliIo): void {
  program
    .command("serve")
    .description("เปิดทุกฟังก์ชันบนพอร์ตเดียว / every HTTP function on one local port at /<functionName>")
    .option("--port <port>", "the port", "8080")
    .action(async (options: { port: string }) => {
      const port = Number(options.port);
      if (!Number.isInteger(port) || port < 0 || port > 65_535) {
        throw new AppError(
          "BAD_PORT",
          `--port ต้องเป็นตัวเลข 0–65535 / --port must be 0–65535: ${options.port}`,
        );
      }
      const running = await startServe(io, port);
      io.stdout("กด Ctrl+C เพื่อหยุด / Ctrl+C to stop");
      await new Promise<void>((resolve) => {
        process.once("SIGINT", resolve);
        process.once("SIGTERM", resolve);
      });
      await running.close();
    });
}
