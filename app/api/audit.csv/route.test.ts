// The audit log's CSV export through the real handler: readable column headers in the request's
// language by default, the stable machine names with ?header=names, a byte-order mark for Excel,
// UTC ISO times whatever the language, and a clear 400 for a header style it does not know.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { call, configureConsole, consoleRequest, disposeConsole, startStandIn } from "@/lib/testing/console-harness";
import type { Simulator } from "@/simulator/server";
import { GET as auditCsv } from "./route";

let sim: Simulator;
beforeAll(async () => {
  sim = await startStandIn();
  const service = await configureConsole(sim);
  const at = Date.parse("2026-11-25T10:00:00Z");
  const entry = { actorType: "user", actorId: "u1", actor: "ana@example.com", role: "ops", address: "10.0.0.1", action: "room.lookup", status: 200, outcome: "ok" } as const;
  service.access.audit.record({ ...entry, at, roomId: "直播间-7", requestId: "req-1", detail: { note: "a, b" } });
  service.access.audit.record({ ...entry, at: at + 1000, roomId: "live-0001", requestId: null, detail: null });
});
afterAll(async () => {
  await disposeConsole();
  await sim.close();
});

/** The export of the two lookups recorded above (the exports themselves are audited too). */
async function exportOf(query = "", headers: Record<string, string> = {}) {
  const res = await call(auditCsv, `/api/audit.csv?action=room.lookup${query}`, {}, { headers });
  return { res, lines: res.text.trimEnd().split("\r\n") };
}

const ROWS = [
  "2026-11-25T10:00:01.000Z,ana@example.com,user,ops,10.0.0.1,room.lookup,live-0001,200,ok,,",
  '2026-11-25T10:00:00.000Z,ana@example.com,user,ops,10.0.0.1,room.lookup,直播间-7,200,ok,req-1,"{""note"":""a, b""}"',
];

describe("GET /api/audit.csv", () => {
  it("has readable English headers by default, after a byte-order mark, and UTC ISO times", async () => {
    const { res, lines } = await exportOf();
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("text/csv; charset=utf-8");
    expect(res.headers.get("content-disposition")).toBe('attachment; filename="roomscope-audit.csv"');
    // Response.text() drops a leading BOM, so look for it in the bytes.
    const raw = await auditCsv(consoleRequest("/api/audit.csv?action=room.lookup"), { params: Promise.resolve({}) });
    expect([...new Uint8Array(await raw.arrayBuffer()).slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(lines[0]).toBe("Time (UTC),Actor,Actor type,Role,Address,Action,RoomId,HTTP status,Outcome,RequestId,Detail (JSON)");
    expect(lines.slice(1)).toEqual(ROWS);
    expect((await exportOf("&header=labels")).lines[0]).toBe(lines[0]);
  });

  it("has Chinese headers for a Chinese reader, the rows unchanged", async () => {
    const { res, lines } = await exportOf("", { "accept-language": "zh-CN" });
    expect(res.status).toBe(200);
    expect(lines[0]).toBe("时间（UTC）,操作者,操作者类型,角色,来源地址,操作,RoomId,HTTP 状态码,结果,RequestId,详情（JSON）");
    expect(lines.slice(1)).toEqual(ROWS);
  });

  it("has the stable machine names with ?header=names, whatever the language", async () => {
    for (const headers of [{}, { "accept-language": "zh-CN" }] as Record<string, string>[]) {
      const { res, lines } = await exportOf("&header=names", headers);
      expect(res.status).toBe(200);
      expect(lines[0]).toBe("at,actor,actorType,role,address,action,roomId,status,outcome,requestId,detail");
      expect(lines.slice(1)).toEqual(ROWS);
    }
  });

  it("refuses a header style it does not know with a 400 naming the parameter", async () => {
    for (const query of ["&header=json", "&header=", "&header=names&header=names"]) {
      const { res } = await exportOf(query);
      expect(res.status, query).toBe(400);
      expect(res.body.error, query).toMatchObject({ code: "invalid_query", message: expect.stringContaining("`header`") });
    }
    const zh = await exportOf("&header=x", { "accept-language": "zh-CN" });
    expect(zh.res.status).toBe(400);
    expect(zh.res.body.error.message).toMatch(/^`header` .*[\u4e00-\u9fff]/);
  });
});
