// Firestore's failures that are a service's, not ours: named FIRESTORE_UNAVAILABLE (503, exit 2).
import { describe, expect, it } from "vitest";
import { firestoreAppError } from "../../../../functions/src/adapters/firestore/firestore-errors.ts";
import { exitCodeOf, httpStatusOf } from "../../../../functions/src/error-codes.ts";

const grpc = (code: number, details: string) =>
  Object.assign(new Error(`${code} ${details}`), { code, details, metadata: {} });

describe("firestoreAppError", () => {
  it.each([
    [14, "No connection established. Last error: connect ECONNREFUSED 127.0.0.1:1"],
    [4, "Deadline exceeded"],
    [12, "Received HTTP status code 404"],
  ])("gRPC %i is FIRESTORE_UNAVAILABLE naming the host", (code, details) => {
    const e = firestoreAppError(grpc(code, details), "127.0.0.1:1")!;
    expect(e.code).toBe("FIRESTORE_UNAVAILABLE");
    expect(e.message).toMatch(/ที่ 127\.0\.0\.1:1 .*Firestore unavailable at 127\.0\.0\.1:1/);
    expect([httpStatusOf(e.code), exitCodeOf(e.code)]).toEqual([503, 2]);
  });
  it.each([
    ["a gRPC refusal of ours (INVALID_ARGUMENT)", grpc(3, "bad document path")],
    ["UNIMPLEMENTED from Firestore itself", grpc(12, "method not implemented")],
    ["a plain error with a numeric code", Object.assign(new Error("x"), { code: 14 })],
    ["not an error", { code: 14, details: "x", metadata: {} }],
  ])("leaves %s alone", (_, e) => {
    expect(firestoreAppError(e)).toBeUndefined();
  });
});
