import * as E from "fp-ts/lib/Either.js";
import { describe, expect, it } from "vitest";
import { addDays, businessDate, DateString, daysBetween, periodOf, periodsBetween } from "./values";

describe("DateString", () => {
  it("accepts real calendar dates", () => {
    for (const d of ["2020-04-01", "2020-02-29", "2022-12-31"])
      expect(E.isRight(DateString.decode(d))).toBe(true);
  });
  it("rejects impossible or badly written dates", () => {
    for (const d of [
      "2021-02-29",
      "2020-13-01",
      "2020-04-31",
      "2020-4-1",
      "20200401",
      "2020-04-01T00:00:00Z",
      20200401,
    ])
      expect(E.isLeft(DateString.decode(d))).toBe(true);
  });
});

describe("businessDate", () => {
  it("is the date itself for a bare date and the local date for +08:00", () => {
    expect(businessDate("2020-07-14")).toBe("2020-07-14");
    expect(businessDate("2020-07-14T23:30:00+08:00")).toBe("2020-07-14");
  });
  it("moves other offsets to Guangyuan time first", () => {
    expect(businessDate("2020-07-13T20:00:00Z")).toBe("2020-07-14");
    expect(businessDate("2020-07-14T15:59:59Z")).toBe("2020-07-14");
    expect(businessDate("2020-07-14T16:00:00Z")).toBe("2020-07-15");
    expect(businessDate("2020-07-14T01:00:00+09:00")).toBe("2020-07-14");
  });
});

describe("calendar arithmetic", () => {
  it("adds days across months and leap years", () => {
    expect(addDays("2020-02-28", 1)).toBe("2020-02-29");
    expect(addDays("2020-12-31", 1)).toBe("2021-01-01");
    expect(daysBetween("2020-12-31", "2021-01-10")).toBe(10);
  });
  it("finds periods", () => {
    expect(periodOf("quarter", "2020-08-15")).toEqual({
      key: "2020-Q3",
      start: "2020-07-01",
      end: "2020-09-30",
    });
    expect(periodOf("month", "2020-02-10")).toEqual({
      key: "2020-02",
      start: "2020-02-01",
      end: "2020-02-29",
    });
    expect(periodsBetween("year", "2020-07-14", "2022-12-31").map((p) => p.key)).toEqual([
      "2020",
      "2021",
      "2022",
    ]);
    expect(periodsBetween("quarter", "2020-07-14", "2021-01-01").map((p) => p.key)).toEqual([
      "2020-Q3",
      "2020-Q4",
      "2021-Q1",
    ]);
    expect(periodsBetween("month", "2020-07-14", "2020-07-01")).toEqual([]);
  });
});
