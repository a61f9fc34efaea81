import "server-only";
import { sql, type Generated, type Kysely, type Selectable } from "kysely";
import { ALERT_STATES, alertChannelInputSchema, alertRuleInputSchema, type AlertChannel, type AlertRule, type AlertState } from "@/lib/contract/alerts";
import { checkRoomId } from "@/lib/contract/room-id";
import { StoreError } from "@/lib/store/store";

// Alerts' rows, beside the history they are judged from and in the same database (one backup, one
// connection pool; the migrations' "alerts" steps). Written once for SQLite and PostgreSQL, as
// history-store.ts is. The one write that matters is applyTransition: a pair's new state, the history
// event and its notifications in one transaction, and only if the state held is still the one the
// evaluator read, so two instances evaluating the same rule at once cannot both announce a change.

export interface AlertRulesTable {
  id: string;
  definition: string;
  created_at: number;
  updated_at: number;
}

export type AlertChannelsTable = AlertRulesTable;

export interface AlertStatesTable {
  rule_id: string;
  room_id: string;
  state: string;
  since: number;
  breach_since: number | null;
  value: number | null;
}

export interface AlertEventsTable {
  id: Generated<number>;
  rule_id: string;
  room_id: string;
  from_state: string;
  to_state: string;
  at: number;
  value: number | null;
  silenced: number;
}

export interface AlertSilencesTable {
  id: string;
  room_id: string;
  rule_id: string | null;
  starts_at: number;
  ends_at: number;
  comment: string;
  created_by: string | null;
  created_at: number;
}

export interface AlertOutboxTable {
  id: Generated<number>;
  idempotency_key: string;
  event_id: number;
  channel_id: string;
  status: "pending" | "sent" | "failed";
  attempts: number;
  next_attempt_at: number;
  last_error: string | null;
  sent_at: number | null;
  created_at: number;
}

export interface AlertTables {
  alert_rules: AlertRulesTable;
  alert_channels: AlertChannelsTable;
  alert_states: AlertStatesTable;
  alert_events: AlertEventsTable;
  alert_silences: AlertSilencesTable;
  alert_outbox: AlertOutboxTable;
}

/** The state held for one (rule, room) pair. */
export interface PairRecord {
  ruleId: string;
  roomId: string;
  state: AlertState;
  since: number;
  breachSince: number | null;
  value: number | null;
}

/** One state change, as the alert history lists it. */
export interface AlertEvent {
  id: number;
  ruleId: string;
  roomId: string;
  from: AlertState;
  to: AlertState;
  at: number;
  value: number | null;
  /** A silence covered the room then: the change was recorded, nothing was sent. */
  silenced: boolean;
}

export interface Silence {
  id: string;
  roomId: string;
  /** Null: every rule. */
  ruleId: string | null;
  startsAt: number;
  endsAt: number;
  comment: string;
  createdBy: string | null;
  createdAt: number;
}

/** A notification to send (or sent): one event to one channel. */
export interface OutboxEntry {
  id: number;
  idempotencyKey: string;
  eventId: number;
  channelId: string;
  status: "pending" | "sent" | "failed";
  attempts: number;
  nextAttemptAt: number;
  lastError: string | null;
  sentAt: number | null;
  createdAt: number;
}

export interface TransitionWrite {
  ruleId: string;
  roomId: string;
  /** The state the evaluator read (null: none was held); the write is skipped if another instance moved it since. */
  expected: AlertState | null;
  next: { state: AlertState; since: number; breachSince: number | null; value: number | null };
  /** The change to record, with the channels to notify; none for a state that only moved its bookkeeping. */
  event: { from: AlertState; to: AlertState; at: number; silenced: boolean; channelIds: readonly string[] } | null;
}

export interface EventQuery {
  ruleId?: string;
  roomId?: string;
  /** Events with id below this (paging back in time). */
  beforeId?: number;
  limit: number;
}

export interface AlertStore {
  rules(): Promise<AlertRule[]>;
  rule(id: string): Promise<AlertRule | null>;
  /** Inserts or replaces the rule by id. */
  putRule(rule: AlertRule): Promise<void>;
  /** Forgets the rule and its pairs' states; its history stays. Resolves whether it existed. */
  deleteRule(id: string): Promise<boolean>;
  channels(): Promise<AlertChannel[]>;
  channel(id: string): Promise<AlertChannel | null>;
  putChannel(channel: AlertChannel): Promise<void>;
  deleteChannel(id: string): Promise<boolean>;
  /** Every pair's state, or one rule's. */
  states(ruleId?: string): Promise<PairRecord[]>;
  /** Resolves whether it was applied (false: the state held was no longer `expected`). */
  applyTransition(write: TransitionWrite, now: number): Promise<boolean>;
  /** Newest first. */
  events(query: EventQuery): Promise<AlertEvent[]>;
  event(id: number): Promise<AlertEvent | null>;
  addSilence(silence: Silence): Promise<void>;
  /** Silences not yet over at `at`, soonest end first. */
  silences(at: number): Promise<Silence[]>;
  deleteSilence(id: string): Promise<boolean>;
  /**
   * Takes up to `limit` pending notifications due at `now` and hides them from other takers until
   * `now + claimMs`: an instance that dies mid-send leaves them to be taken again then.
   */
  claimDue(now: number, claimMs: number, limit: number): Promise<OutboxEntry[]>;
  /** The send succeeded. */
  markSent(id: number, at: number): Promise<void>;
  /** The send failed: try again at `nextAttemptAt`, or give up (`nextAttemptAt` null). The error is a code, never the URL. */
  markAttemptFailed(id: number, error: string, nextAttemptAt: number | null): Promise<void>;
  outbox(eventId: number): Promise<OutboxEntry[]>;
  /** The outbox at a glance, for health: what waits to be sent, and what was given up since `since`. */
  outboxSummary(since: number): Promise<OutboxSummary>;
}

export interface OutboxSummary {
  pending: number;
  /** When the oldest notification still waiting was written; null when none waits. */
  oldestPendingAt: number | null;
  /** Notifications given up (after every attempt, or an answer retrying cannot fix) since then. */
  givenUp: number;
}

type Db = Kysely<AlertTables>;
type Run = <T>(work: (db: Db) => Promise<T>) => Promise<T>;

function invalid(message: string): StoreError {
  return new StoreError("invalid", message);
}

function checkedId(id: string, what: string): string {
  if (typeof id !== "string" || id.length === 0 || id.length > 64) throw invalid(`${what} must be a text of 1 to 64 characters.`);
  return id;
}

function checkedRoom(roomId: string): string {
  // FLEET_ROOM ("*") stands for the fleet-wide pair of a credential rule.
  if (roomId !== "*" && !checkRoomId(roomId).ok) throw invalid("Not a RoomId the store can hold.");
  return roomId;
}

function checkedTime(value: number, name: string): number {
  if (!Number.isSafeInteger(value)) throw invalid(`${name} must be an integer number of epoch milliseconds.`);
  return value;
}

const knownState = (state: string): AlertState => ((ALERT_STATES as readonly string[]).includes(state) ? (state as AlertState) : "normal");

function toRule(row: Selectable<AlertRulesTable>): AlertRule | null {
  // A definition a newer build wrote that this one cannot read is skipped, not a failure for every rule.
  const parsed = alertRuleInputSchema.safeParse(JSON.parse(row.definition));
  return parsed.success ? { ...parsed.data, id: row.id, createdAt: row.created_at, updatedAt: row.updated_at } : null;
}

function toChannel(row: Selectable<AlertChannelsTable>): AlertChannel | null {
  const parsed = alertChannelInputSchema.safeParse(JSON.parse(row.definition));
  return parsed.success ? { ...parsed.data, id: row.id, createdAt: row.created_at, updatedAt: row.updated_at } : null;
}

function toEvent(row: Selectable<AlertEventsTable>): AlertEvent {
  return {
    id: row.id,
    ruleId: row.rule_id,
    roomId: row.room_id,
    from: knownState(row.from_state),
    to: knownState(row.to_state),
    at: row.at,
    value: row.value,
    silenced: row.silenced !== 0,
  };
}

function toSilence(row: Selectable<AlertSilencesTable>): Silence {
  return {
    id: row.id,
    roomId: row.room_id,
    ruleId: row.rule_id,
    startsAt: row.starts_at,
    endsAt: row.ends_at,
    comment: row.comment,
    createdBy: row.created_by,
    createdAt: row.created_at,
  };
}

function toOutbox(row: Selectable<AlertOutboxTable>): OutboxEntry {
  return {
    id: row.id,
    idempotencyKey: row.idempotency_key,
    eventId: row.event_id,
    channelId: row.channel_id,
    status: row.status,
    attempts: row.attempts,
    nextAttemptAt: row.next_attempt_at,
    lastError: row.last_error,
    sentAt: row.sent_at,
    createdAt: row.created_at,
  };
}

/** The idempotency key of one notification: one per rule, room, state change and channel. */
export function notificationKey(ruleId: string, roomId: string, to: AlertState, at: number, channelId: string): string {
  return `${ruleId}|${roomId}|${to}|${at}|${channelId}`;
}

/** The alert store over the history database's connection; `run` maps failures and waits for the schema as the history store does. */
export function createAlertStore(run: Run): AlertStore {
  const definitions = (table: "alert_rules" | "alert_channels") => ({
    all: () => run((db) => db.selectFrom(table).selectAll().orderBy("created_at").orderBy("id").execute()),
    one: (id: string) => run((db) => db.selectFrom(table).selectAll().where("id", "=", id).executeTakeFirst()),
    put: (id: string, definition: object, createdAt: number, updatedAt: number) =>
      run((db) =>
        db
          .insertInto(table)
          .values({ id: checkedId(id, "An id"), definition: JSON.stringify(definition), created_at: checkedTime(createdAt, "createdAt"), updated_at: checkedTime(updatedAt, "updatedAt") })
          .onConflict((oc) => oc.column("id").doUpdateSet((eb) => ({ definition: eb.ref("excluded.definition"), updated_at: eb.ref("excluded.updated_at") })))
          .execute(),
      ),
    remove: (id: string) => run(async (db) => Number((await db.deleteFrom(table).where("id", "=", id).executeTakeFirst()).numDeletedRows) > 0),
  });
  const rules = definitions("alert_rules");
  const channels = definitions("alert_channels");

  return {
    async rules() {
      return (await rules.all()).map(toRule).filter((rule) => rule !== null);
    },
    async rule(id) {
      const row = await rules.one(id);
      return row ? toRule(row) : null;
    },
    async putRule({ id, createdAt, updatedAt, ...definition }) {
      await rules.put(id, alertRuleInputSchema.parse(definition), createdAt, updatedAt);
    },
    async deleteRule(id) {
      const existed = await rules.remove(id);
      await run((db) => db.deleteFrom("alert_states").where("rule_id", "=", id).execute());
      return existed;
    },
    async channels() {
      return (await channels.all()).map(toChannel).filter((channel) => channel !== null);
    },
    async channel(id) {
      const row = await channels.one(id);
      return row ? toChannel(row) : null;
    },
    async putChannel({ id, createdAt, updatedAt, ...definition }) {
      await channels.put(id, alertChannelInputSchema.parse(definition), createdAt, updatedAt);
    },
    deleteChannel: (id) => channels.remove(id),

    async states(ruleId) {
      const rows = await run((db) => {
        let query = db.selectFrom("alert_states").selectAll();
        if (ruleId !== undefined) query = query.where("rule_id", "=", ruleId);
        return query.orderBy("rule_id").orderBy("room_id").execute();
      });
      return rows.map((row) => ({ ruleId: row.rule_id, roomId: row.room_id, state: knownState(row.state), since: row.since, breachSince: row.breach_since, value: row.value }));
    },

    async applyTransition({ ruleId, roomId, expected, next, event }, now) {
      checkedId(ruleId, "A rule id");
      checkedRoom(roomId);
      checkedTime(next.since, "since");
      if (event) checkedTime(event.at, "An event's at");
      return run((db) =>
        db.transaction().execute(async (trx) => {
          const row = { rule_id: ruleId, room_id: roomId, state: next.state, since: next.since, breach_since: next.breachSince, value: next.value };
          // Compare-and-set: the update only applies to the state the caller read.
          const moved =
            expected === null
              ? Number(
                  (await trx.insertInto("alert_states").values(row).onConflict((oc) => oc.columns(["rule_id", "room_id"]).doNothing()).executeTakeFirst()).numInsertedOrUpdatedRows ?? 0,
                )
              : Number(
                  (
                    await trx
                      .updateTable("alert_states")
                      .set({ state: next.state, since: next.since, breach_since: next.breachSince, value: next.value })
                      .where("rule_id", "=", ruleId)
                      .where("room_id", "=", roomId)
                      .where("state", "=", expected)
                      .executeTakeFirst()
                  ).numUpdatedRows,
                );
          if (moved === 0) return false;
          if (!event) return true;
          const inserted = await trx
            .insertInto("alert_events")
            .values({ rule_id: ruleId, room_id: roomId, from_state: event.from, to_state: event.to, at: event.at, value: next.value, silenced: event.silenced ? 1 : 0 })
            .onConflict((oc) => oc.columns(["rule_id", "room_id", "at", "to_state"]).doNothing())
            .returning("id")
            .executeTakeFirst();
          if (!inserted || event.silenced) return true;
          const eventId = Number(inserted.id);
          for (const channelId of event.channelIds) {
            await trx
              .insertInto("alert_outbox")
              .values({
                idempotency_key: notificationKey(ruleId, roomId, event.to, event.at, channelId),
                event_id: eventId,
                channel_id: channelId,
                status: "pending",
                attempts: 0,
                next_attempt_at: now,
                last_error: null,
                sent_at: null,
                created_at: now,
              })
              .onConflict((oc) => oc.column("idempotency_key").doNothing())
              .execute();
          }
          return true;
        }),
      );
    },

    async events({ ruleId, roomId, beforeId, limit }) {
      const rows = await run((db) => {
        let query = db.selectFrom("alert_events").selectAll();
        if (ruleId !== undefined) query = query.where("rule_id", "=", ruleId);
        if (roomId !== undefined) query = query.where("room_id", "=", roomId);
        if (beforeId !== undefined) query = query.where("id", "<", beforeId);
        return query.orderBy("id", "desc").limit(Math.max(1, Math.min(1000, Math.floor(limit)))).execute();
      });
      return rows.map(toEvent);
    },
    async event(id) {
      const row = await run((db) => db.selectFrom("alert_events").selectAll().where("id", "=", id).executeTakeFirst());
      return row ? toEvent(row) : null;
    },

    async addSilence(silence) {
      checkedId(silence.id, "A silence id");
      checkedRoom(silence.roomId);
      if (checkedTime(silence.endsAt, "endsAt") <= checkedTime(silence.startsAt, "startsAt")) throw invalid("A silence ends after it starts.");
      await run((db) =>
        db
          .insertInto("alert_silences")
          .values({
            id: silence.id,
            room_id: silence.roomId,
            rule_id: silence.ruleId,
            starts_at: silence.startsAt,
            ends_at: silence.endsAt,
            comment: silence.comment,
            created_by: silence.createdBy,
            created_at: checkedTime(silence.createdAt, "createdAt"),
          })
          .execute(),
      );
    },
    async silences(at) {
      const rows = await run((db) => db.selectFrom("alert_silences").selectAll().where("ends_at", ">", at).orderBy("ends_at").orderBy("id").execute());
      return rows.map(toSilence);
    },
    deleteSilence: (id) => run(async (db) => Number((await db.deleteFrom("alert_silences").where("id", "=", id).executeTakeFirst()).numDeletedRows) > 0),

    async claimDue(now, claimMs, limit) {
      checkedTime(now, "now");
      const rows = await run((db) =>
        db.transaction().execute(async (trx) => {
          const due = await trx
            .selectFrom("alert_outbox")
            .select("id")
            .where("status", "=", "pending")
            .where("next_attempt_at", "<=", now)
            .orderBy("next_attempt_at")
            .orderBy("id")
            .limit(limit)
            .execute();
          if (due.length === 0) return [];
          // The claim re-checks the time: another instance that took the same rows moved it on first.
          return trx
            .updateTable("alert_outbox")
            .set({ next_attempt_at: now + claimMs })
            .where(
              "id",
              "in",
              due.map((row) => row.id),
            )
            .where("status", "=", "pending")
            .where("next_attempt_at", "<=", now)
            .returningAll()
            .execute();
        }),
      );
      return rows.map(toOutbox).sort((a, b) => a.id - b.id);
    },
    async markSent(id, at) {
      await run((db) =>
        db
          .updateTable("alert_outbox")
          .set((eb) => ({ status: "sent", sent_at: at, attempts: sql<number>`${eb.ref("attempts")} + 1`, last_error: null }))
          .where("id", "=", id)
          .execute(),
      );
    },
    async markAttemptFailed(id, error, nextAttemptAt) {
      await run((db) =>
        db
          .updateTable("alert_outbox")
          .set((eb) => ({
            status: nextAttemptAt === null ? "failed" : "pending",
            next_attempt_at: nextAttemptAt ?? eb.ref("next_attempt_at"),
            attempts: sql<number>`${eb.ref("attempts")} + 1`,
            last_error: error.slice(0, 200),
          }))
          .where("id", "=", id)
          .execute(),
      );
    },
    async outbox(eventId) {
      const rows = await run((db) => db.selectFrom("alert_outbox").selectAll().where("event_id", "=", eventId).orderBy("id").execute());
      return rows.map(toOutbox);
    },
    async outboxSummary(since) {
      checkedTime(since, "since");
      const [waiting, failed] = await run((db) =>
        Promise.all([
          db
            .selectFrom("alert_outbox")
            .select((eb) => [eb.fn.countAll<string | number>().as("n"), eb.fn.min<number | string | null>("created_at").as("oldest")])
            .where("status", "=", "pending")
            .executeTakeFirstOrThrow(),
          db
            .selectFrom("alert_outbox")
            .select((eb) => eb.fn.countAll<string | number>().as("n"))
            .where("status", "=", "failed")
            .where("created_at", ">=", since)
            .executeTakeFirstOrThrow(),
        ]),
      );
      // PostgreSQL answers a count and a bigint as text.
      return { pending: Number(waiting.n), oldestPendingAt: waiting.oldest === null ? null : Number(waiting.oldest), givenUp: Number(failed.n) };
    },
  };
}
