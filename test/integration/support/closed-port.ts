// A local port nobody listens on (bound once, then released): a service that is down, for tests of
// what a command does when Firestore or the SMTP server cannot be reached.
import { createServer } from "node:net";

export async function closedPort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((r) => probe.listen(0, "127.0.0.1", () => r()));
  const { port } = probe.address() as { port: number };
  await new Promise<void>((r) => probe.close(() => r()));
  return port;
}
