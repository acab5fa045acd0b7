// The edit queue: merged row ranges, whole-tab marking, the version guard against acknowledging
// edits made during a flush, retry delays, and the size bound of one Script Property.
import { describe, expect, it } from "vitest";
import {
  acknowledge,
  dueTabs,
  emptyQueue,
  enqueueRows,
  enqueueTab,
  parseQueue,
  QUEUE_LIMITS,
  recordFailure,
  serialiseQueue,
} from "../../apps-script/src/edit-queue.ts";

describe("edit queue", () => {
  it.each([
    [
      "adjacent edits merge",
      [
        [5, 5],
        [6, 6],
        [4, 4],
      ],
      [[4, 6]],
    ],
    [
      "a pasted block and a row inside it",
      [
        [3, 10],
        [7, 7],
      ],
      [[3, 10]],
    ],
    [
      "separate rows stay apart",
      [
        [2, 2],
        [9, 9],
      ],
      [
        [2, 2],
        [9, 9],
      ],
    ],
    ["reversed bounds are ordered", [[8, 6]], [[6, 8]]],
  ] as [string, [number, number][], [number, number][]][])("%s", (_, edits, ranges) => {
    let q = emptyQueue();
    for (const [a, b] of edits) q = enqueueRows(q, "products", a, b);
    expect(q.tabs.products?.ranges).toEqual(ranges);
    expect(q.tabs.products?.all).toBe(false);
  });

  it("marks the tab whole past the range limit, and keeps it whole", () => {
    let q = emptyQueue();
    for (let i = 0; i <= QUEUE_LIMITS.maxRangesPerTab; i++)
      q = enqueueRows(q, "products", 2 + i * 2, 2 + i * 2);
    expect(q.tabs.products).toMatchObject({ all: true, ranges: [] });
    q = enqueueRows(q, "products", 3, 3);
    expect(q.tabs.products?.all).toBe(true);
  });

  it("acknowledges only the version that was sent", () => {
    let q = enqueueRows(emptyQueue(), "products", 2, 2);
    const sent = dueTabs(q, 0)[0]!;
    q = enqueueRows(q, "products", 3, 3); // an edit while the POST was out
    q = acknowledge(q, "products", sent.version);
    expect(q.tabs.products).toBeDefined();
    q = acknowledge(q, "products", dueTabs(q, 0)[0]!.version);
    expect(q.tabs.products).toBeUndefined();
  });

  it("keeps a failed tab with growing retry delays, and a new edit makes it due at once", () => {
    let q = enqueueTab(emptyQueue(), "meetings");
    q = recordFailure(q, "meetings", 1_000, "HTTP_503: down");
    expect(q.tabs.meetings).toMatchObject({ attempts: 1, retryAt: 61_000, lastError: "HTTP_503: down" });
    expect(dueTabs(q, 60_000)).toEqual([]);
    q = recordFailure(q, "meetings", 61_000, "again");
    expect(q.tabs.meetings?.retryAt).toBe(61_000 + 120_000);
    q = enqueueRows(q, "meetings", 4, 4);
    expect(dueTabs(q, 61_001).map((d) => d.tab)).toEqual(["meetings"]);
  });

  it("lists due tabs in the order the server needs (meetings before attendees and agenda)", () => {
    let q = emptyQueue();
    for (const tab of ["agenda", "attendees", "meetings", "products"] as const) q = enqueueTab(q, tab);
    expect(dueTabs(q, 0).map((d) => d.tab)).toEqual(["products", "meetings", "attendees", "agenda"]);
  });

  it("fits a Script Property however many edits, and an unreadable queue means every tab is dirty", () => {
    let q = emptyQueue();
    for (const tab of ["products", "meetings", "attendees", "agenda"] as const) {
      for (let i = 0; i < QUEUE_LIMITS.maxRangesPerTab; i++)
        q = enqueueRows(q, tab, 100_000 + i * 3, 100_000 + i * 3);
      q = recordFailure(q, tab, 0, "x".repeat(1000));
    }
    const json = serialiseQueue(q);
    expect(json.length).toBeLessThanOrEqual(QUEUE_LIMITS.maxJsonChars);
    expect(Object.keys(parseQueue(json).tabs).sort()).toEqual([
      "agenda",
      "attendees",
      "meetings",
      "products",
    ]);
    expect(Object.keys(parseQueue("{not json").tabs)).toHaveLength(4);
    expect(parseQueue(null)).toEqual(emptyQueue());
  });
});
