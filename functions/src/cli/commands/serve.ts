// `kbo serve [--port 8080] [--dev-auth]`: every HTTP function on one local port at /<functionName>,
// against the configured Firestore (or the local emulator under .kbo/), for Apps Script development.
// It refuses to start without ID_TOKEN_AUDIENCE and ALLOWED_CALLERS (every request would be refused).
// --dev-auth (an emulator only) trusts a key made for this process and hands out its tokens at
// GET /__dev/token?email=E.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { getTestServer } from "@google-cloud/functions-framework/testing";
import type { Command } from "commander";
import * as z from "zod/mini";
import { AppError } from "../../app-error.ts";
import { type Config, loadConfig } from "../../config.ts";
import { createDeps, FUNCTION_NAMES, registerFunctions } from "../../functions.ts";
import { createDevAuth, DEV_TOKEN_PATH, type DevAuth } from "../dev-auth.ts";
import type { CliIo } from "../io.ts";
import { openFirestore } from "../open-firestore.ts";

export interface ServeOptions {
  devAuth?: boolean;
}

export interface RunningServe {
  url: string;
  close(): Promise<void>;
}

/** The settings without which every request would be refused: named, so the user knows what to set. */
function checkConfig(config: Config, options: ServeOptions): void {
  const missing = [
    config.idTokenAudience ? [] : ["ID_TOKEN_AUDIENCE (the Apps Script project's OAuth client id)"],
    config.allowedCallers.length > 0 ? [] : ["ALLOWED_CALLERS (the caller e-mails, comma-separated)"],
  ].flat();
  if (missing.length > 0) {
    throw new AppError(
      "SERVE_NOT_CONFIGURED",
      `ตั้งค่า ${missing.join(" และ ")} ก่อนเปิด kbo serve / set ${missing.join(" and ")} before kbo serve: without ` +
        "them every request is refused (locally, with --dev-auth, any audience will do, e.g. ID_TOKEN_AUDIENCE=kbo-dev)",
    );
  }
  if (options.devAuth && !config.firestoreEmulatorHost && config.projectId) {
    throw new AppError(
      "DEV_AUTH_NEEDS_EMULATOR",
      `--dev-auth ใช้ได้กับ Firestore emulator เท่านั้น / --dev-auth works only against a Firestore emulator, ` +
        `not project ${config.projectId}: set FIRESTORE_EMULATOR_HOST, or unset GOOGLE_CLOUD_PROJECT for the local one`,
    );
  }
}

const EmailSchema = z.email();

function json(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { "content-type": "application/json" });
  res.end(JSON.stringify(body));
}

function answerDevToken(req: IncomingMessage, res: ServerResponse, dev: DevAuth, query: string): void {
  const email = new URLSearchParams(query).get("email") ?? "";
  if (req.method !== "GET") json(res, 405, { error: { code: "METHOD_NOT_ALLOWED", message: "GET only" } });
  else if (!EmailSchema.safeParse(email).success) {
    json(res, 400, {
      error: {
        code: "BAD_REQUEST",
        message: `ต้องระบุอีเมล / ?email= must be an e-mail address, not "${email}"`,
      },
    });
  } else json(res, 200, { token: dev.tokenFor(email) });
}

export async function startServe(io: CliIo, port: number, options: ServeOptions = {}): Promise<RunningServe> {
  const config = loadConfig(io.env);
  checkConfig(config, options);
  const dev = options.devAuth ? createDevAuth(config.idTokenAudience!, config.allowedCallers) : undefined;
  const firestore = await openFirestore(io);
  const deps = createDeps(config);
  registerFunctions({ ...deps, db: () => firestore.db, ...(dev ? { verifyCaller: dev.verifyCaller } : {}) });
  // One Functions Framework app per function, each reached through its own path.
  const apps = new Map<string, Server>(FUNCTION_NAMES.map((name) => [name, getTestServer(name)]));
  const server = createServer((req, res) => {
    const [path = "", query = ""] = (req.url ?? "/").split("?");
    if (dev && path === DEV_TOKEN_PATH) {
      answerDevToken(req, res, dev, query);
      return;
    }
    const app = apps.get(path.replace(/^\/+|\/+$/g, ""));
    if (!app) {
      json(res, 404, {
        error: {
          code: "NOT_FOUND",
          message: `no function at ${path}; try ${[...apps.keys()].map((n) => `/${n}`).join(", ")}`,
        },
      });
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
  if (dev) {
    io.stdout(`  GET  ${url}${DEV_TOKEN_PATH}?email=E   (--dev-auth: tokens of this process's own key)`);
  }
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
    .option(
      "--dev-auth",
      "Firestore emulator only: trust a key made for this process, tokens at GET /__dev/token",
    )
    .action(async (options: { port: string; devAuth?: boolean }) => {
      const port = Number(options.port);
      if (!Number.isInteger(port) || port < 0 || port > 65_535) {
        throw new AppError(
          "BAD_PORT",
          `--port ต้องเป็นตัวเลข 0–65535 / --port must be 0–65535: ${options.port}`,
        );
      }
      const running = await startServe(io, port, { devAuth: options.devAuth === true });
      io.stdout("กด Ctrl+C เพื่อหยุด / Ctrl+C to stop");
      await new Promise<void>((resolve) => {
        process.once("SIGINT", resolve);
        process.once("SIGTERM", resolve);
      });
      await running.close();
    });
}
