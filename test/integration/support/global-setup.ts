// Global setup of the integration tier. The Firestore emulator harness plugs in here.
export default async function setup(): Promise<() => Promise<void>> {
  return async () => {};
}
