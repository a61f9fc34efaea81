import { describe, expect, it } from "vitest";
import { toStoreError } from "@/lib/store/sqlite-store";
import { toApiFailure } from "./errors";

const sqliteError = (code: string) => Object.assign(new Error(`sqlite said ${code}`), { code });

describe("storage failures as the API answers them", () => {
  it("a locked, full or write-protected database passes: 503 with Retry-After, live figures unaffected", () => {
    for (const code of ["SQLITE_BUSY", "SQLITE_FULL", "ENOSPC", "SQLITE_READONLY", "SQLITE_READONLY_DBMOVED", "EROFS"]) {
      const failure = toApiFailure(toStoreError(sqliteError(code), 250));
      expect(failure, code).toMatchObject({ status: 503, code: "storage_unavailable", retryAfterMs: 5000 });
      expect(failure.message).not.toContain(code);
    }
  });

  it("a damaged or unreadable file does not pass by itself: a 500 for whoever runs the console", () => {
    for (const code of ["SQLITE_CORRUPT", "SQLITE_NOTADB", "SQLITE_IOERR_READ", "SQLITE_CANTOPEN"]) {
      expect(toApiFailure(toStoreError(sqliteError(code), 250)), code).toMatchObject({ status: 500, code: "internal_error" });
    }
  });

  it("classifies write protection apart from other I/O errors", () => {
    expect(toStoreError(sqliteError("SQLITE_READONLY"), 250).code).toBe("read_only");
    expect(toStoreError(sqliteError("SQLITE_IOERR"), 250).code).toBe("io");
  });
});
