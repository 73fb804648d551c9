// Hand-written consumer of the TypeScript SDK @hey-api/openapi-ts generates from openapi/postpress.yaml
// (generated/, rebuilt by tests/crosslang/run.sh: types.gen.ts, sdk.gen.ts and the bundled fetch client). It is only
// type-checked (tsc --noEmit, strict), never run. Same idea as ../ts/usage.ts (openapi-typescript), for a generator
// that also emits one function per operation.
//
// What it proves about the spec as this generator reads it:
// - every `oneOf` + `discriminator` union (OwnProfile and UserProfile by `provider`, Account by `type`,
//   RecruitingActivity by `event`, LinkedInUserActionRequest by `action`) becomes a TypeScript union whose variants
//   narrow on the discriminator property: hey-api writes each variant as `{ <property>: <mapping values> } & Variant`,
//   so a variant that owns several values (a Note activity is NOTE_ADDED, NOTE_EDITED or NOTE_DELETED) narrows on any
//   of them;
// - the seat unions (Seat | Error | null, no discriminator) narrow with `=== null` and the `in` operator;
// - each operation is a typed function: required parameters are required, the POST body is the union, the 200
//   response is the named schema; wrong calls and wrong bodies are rejected.
// Each `// @ts-expect-error` line must fail to type-check: tsc reports an unused directive as an error, so if the
// spec (or the generator) ever stops rejecting that mistake, this file stops compiling. The `switch` statements end
// in `assertNever`: a variant added to the spec must be handled here (update this file when the API grows).

import type {
    Account,
    GetAccountResponses,
    GetOwnProfileResponses,
    GetUserProfileData,
    GetUserProfileResponses,
    LinkedInUserActionRequest,
    LinkedInUserActionResult,
    ListRelationsData,
    ListRelationsResponses,
    OwnProfile,
    PerformLinkedInUserActionData,
    PerformLinkedInUserActionResponses,
    RecruiterPipelineActionRequest,
    RecruiterSeatStatus,
    RecruitingActivity,
    RecruitingMessageStatus,
    RecruitingNoteActivity,
    SalesNavigatorSeatStatus,
    Seat,
    UserProfile,
    UserRelationsList,
} from "./generated/types.gen";
import { getAccount, getOwnProfile, getUserProfile, listRelations, performLinkedInUserAction } from "./generated/sdk.gen";
import { createClient } from "./generated/client";

/** Compile-time type equality: true only when A and B are the same type. */
type Equals<A, B> = (<T>() => T extends A ? 1 : 2) extends <T>() => T extends B ? 1 : 2 ? true : false;
function assertType<T extends true>(): T | void {}

function assertNever(value: never): never {
    throw new Error(`unexpected variant: ${JSON.stringify(value)}`);
}

// ---------------------------------------------------------------- the operations return the named schemas
assertType<Equals<GetOwnProfileResponses[200], OwnProfile>>();
assertType<Equals<GetUserProfileResponses[200], UserProfile>>();
assertType<Equals<GetAccountResponses[200], Account>>();
assertType<Equals<ListRelationsResponses[200], UserRelationsList>>();
assertType<Equals<PerformLinkedInUserActionData["body"], LinkedInUserActionRequest>>();
assertType<Equals<PerformLinkedInUserActionResponses[200], LinkedInUserActionResult>>();
// @ts-expect-error the own profile is not the user profile union
assertType<Equals<GetOwnProfileResponses[200], UserProfile>>();

// ---------------------------------------------------------------- parameters
type UserProfileQuery = GetUserProfileData["query"];
export const userQuery: UserProfileQuery = { account_id: "acc_1", linkedin_sections: ["*_preview", "experience"], notify: false };
// @ts-expect-error not a linkedin_sections selector
export const userQueryBadSection: UserProfileQuery = { account_id: "acc_1", linkedin_sections: ["everything"] };
// @ts-expect-error account_id is required
export const userQueryMissingAccount: UserProfileQuery = { notify: true };
// @ts-expect-error limit is an integer, not a string
export const badLimit: ListRelationsData["query"] = { account_id: "acc_1", limit: "100" };

// ---------------------------------------------------------------- seat unions: Seat | Error | null
export function describeRecruiterSeat(seat: RecruiterSeatStatus): string {
    // @ts-expect-error the seat may be null (Recruiter not available)
    void seat.owner_seat_id;
    if (seat === null) {
        return "Recruiter is not available";
    }
    // @ts-expect-error still a Seat or an error: only a Seat has owner_seat_id
    void seat.owner_seat_id;
    if ("owner_seat_id" in seat) {
        const s: Seat = seat;
        return `seat ${s.owner_seat_id} (contract ${seat.contract_id})`;
    }
    const code: "MULTIPLE_SESSIONS" | "DISCONNECTED" = seat.error;
    return `Recruiter seat error ${code}`;
}

export function describeSalesNavigatorSeat(seat: SalesNavigatorSeatStatus): string {
    if (seat === null) {
        return "Sales Navigator is not available";
    }
    if ("error" in seat) {
        // The Sales Navigator error documents one value only.
        const code: "DISCONNECTED" = seat.error;
        // @ts-expect-error MULTIPLE_SESSIONS is documented for the Recruiter seat only
        const other: typeof seat.error = "MULTIPLE_SESSIONS";
        void other;
        return code;
    }
    return seat.contract_id;
}

// ---------------------------------------------------------------- OwnProfile, narrowed by `provider`
export function describeOwnProfile(p: OwnProfile): string {
    // @ts-expect-error headline exists only on the LinkedIn variant: not accessible before narrowing
    void p.headline;

    switch (p.provider) {
        case "LINKEDIN": {
            const headline: string | undefined = p.headline;
            return [p.first_name, headline ?? "", describeRecruiterSeat(p.recruiter), describeSalesNavigatorSeat(p.sales_navigator)].join(" ");
        }
        case "TELEGRAM":
            // @ts-expect-error a Telegram owner has no headline
            void p.headline;
            return p.username ?? p.provider_id;
        case "TWITTER":
            return `@${p.screen_name} (${p.followers_count} followers)`;
        case "GMAIL":
            return `${p.email}, ${p.aliases.length} aliases`;
        case "OUTLOOK":
            return p.user_principal_name;
        case "IMAP":
            return `${p.connection_params.imap.host}:${p.connection_params.imap.port}`;
        default:
            return assertNever(p);
    }
}

// ---------------------------------------------------------------- UserProfile, narrowed by `provider`
export function describeUserProfile(p: UserProfile): string {
    // @ts-expect-error headline exists only on the LinkedIn variant
    void p.headline;

    switch (p.provider) {
        case "LINKEDIN": {
            // Required on the LinkedIn user profile (optional on the own profile).
            const headline: string = p.headline;
            const activity = p.recruiting_activity ?? [];
            return `${headline}: ${activity.map(describeActivity).join("; ")}`;
        }
        case "WHATSAPP":
            return p.id;
        case "INSTAGRAM": {
            const kind: "PERSONNAL" | "BUSINESS" | "PROFESSIONNAL" = p.profile_type;
            return `${p.public_identifier} ${kind} private=${p.is_private}`;
        }
        case "TELEGRAM":
            return p.provider_id;
        case "TWITTER":
            return p.screen_name;
        default:
            return assertNever(p);
    }
}

// @ts-expect-error "FACEBOOK" is no provider of the user profile union
export const noSuchProvider: UserProfile["provider"] = "FACEBOOK";

// ---------------------------------------------------------------- RecruitingActivity, narrowed by `event`
export function describeActivity(a: RecruitingActivity): string {
    const by: string = a.created_by.full_name; // shared by every variant
    // @ts-expect-error `status` exists only on the MESSAGE variant
    void a.status;

    switch (a.event) {
        case "MESSAGE": {
            const status: RecruitingMessageStatus = a.status;
            return `${by} sent "${a.content}" (${status})`;
        }
        case "NOTE_ADDED":
        case "NOTE_EDITED":
        case "NOTE_DELETED": {
            const note: RecruitingNoteActivity = a;
            return `${by} ${a.event}: ${note.content ?? ""}`;
        }
        case "LINK_ADDED":
        case "LINK_DELETED":
            return `${by} ${a.event} ${a.content}`;
        case "CANDIDATE_ADDED":
        case "CANDIDATE_MOVED":
            return `${by} ${a.event} to ${a.project_name} (${a.state})`;
        case "PROFILE_VIEW":
            return `${by} viewed the profile at ${a.updated_at ?? a.created_at}`;
        case "UNHANDLED_EVENT":
            // @ts-expect-error the unhandled event carries no update fields
            void a.updated_at;
            return `${by}: unhandled event`;
        default:
            return assertNever(a);
    }
}

/** One variant owns three discriminator values: any one of them narrows to the Note activity. */
export function editedNoteText(a: RecruitingActivity): string | undefined {
    // @ts-expect-error not every activity is a note (a Profile view is not)
    const anyNote: RecruitingNoteActivity = a;
    void anyNote;
    if (a.event === "NOTE_EDITED") {
        const note: RecruitingNoteActivity = a;
        return note.content;
    }
    return undefined;
}

// ---------------------------------------------------------------- Account, narrowed by `type`
export function describeAccount(a: Account): string {
    const shared = `${a.id} ${a.name} ${a.created_at}`; // AccountFields, on every variant
    // @ts-expect-error connection_params.im does not exist on every variant (MAIL has `mail`)
    void a.connection_params.im;

    switch (a.type) {
        case "LINKEDIN": {
            const premium: string | null = a.connection_params.im.premiumId;
            return `${shared} LinkedIn ${a.connection_params.im.username} premium=${premium ?? "none"}`;
        }
        case "MOBILE":
            return `${shared} SIM ${a.connection_params.call.sim_serial_number} ${a.connection_params.call.last_fetched_at ?? ""}`;
        case "MAIL":
        case "ICLOUD":
        case "EXCHANGE":
            // @ts-expect-error IMAP/SMTP accounts have no `im` identity
            void a.connection_params.im;
            return `${shared} ${a.connection_params.mail.imap_host}:${a.connection_params.mail.imap_port}`;
        case "GOOGLE_OAUTH":
        case "OUTLOOK":
            return `${shared} ${a.connection_params.mail.username} / ${a.connection_params.calendar.username}`;
        case "GOOGLE_CALENDAR":
            return `${shared} ${a.connection_params.calendar}`;
        case "WHATSAPP":
            return `${shared} ${a.connection_params.im.phone_number}`;
        case "SLACK":
            return `${shared} ${a.connection_params.im.team}`;
        case "TWITTER":
        case "INSTAGRAM":
        case "MESSENGER":
            return `${shared} ${a.connection_params.im.username}`;
        case "TELEGRAM":
            return `${shared} ${a.connection_params.im.user_id}`;
        default:
            return assertNever(a);
    }
}

// ---------------------------------------------------------------- relations: nullable cursor
export function nextCursor(page: UserRelationsList): string | undefined {
    // @ts-expect-error the cursor is null on the last page
    const c: string = page.cursor;
    void c;
    return page.cursor ?? undefined;
}

// ---------------------------------------------------------------- POST /linkedin/user/{user_id}: the three bodies
const account_id = "acc_linkedin_01HXYZ4QK3WJ8FN3M6QH7TZ8GR";

export const addToPipeline: LinkedInUserActionRequest = {
    account_id,
    api: "recruiter",
    action: "addCandidateToPipeline",
    hiring_project_id: "proj_1",
    stage: "UNCONTACTED",
};
export const changePipeline: RecruiterPipelineActionRequest = {
    account_id,
    api: "recruiter",
    action: "changeCandidatePipeline",
    hiring_project_id: "proj_1",
};
export const rejectApplicant: LinkedInUserActionRequest = {
    account_id,
    api: "recruiter",
    action: "rejectApplicant",
    hiring_project_id: "proj_1",
    reason: "MORE_QUALIFIED_CANDIDATES",
    rejection_notification: { message: "Thank you for applying.", send_notification_at: 1747400000000 },
};
export const saveLead: LinkedInUserActionRequest = { account_id, api: "sales_navigator", action: "saveLead", list_id: "list_1" };

// Wrong bodies. One literal per line: the directive covers the next line only.
// @ts-expect-error unknown action value
export const unknownAction: LinkedInUserActionRequest = { account_id, api: "recruiter", action: "fireCandidate", hiring_project_id: "p" };
// @ts-expect-error rejectApplicant requires `reason`
export const rejectWithoutReason: LinkedInUserActionRequest = { account_id, api: "recruiter", action: "rejectApplicant", hiring_project_id: "p" };
// @ts-expect-error the pipeline actions require hiring_project_id
export const pipelineWithoutProject: LinkedInUserActionRequest = { account_id, api: "recruiter", action: "addApplicantToPipeline" };
// @ts-expect-error a Recruiter action sent to the Sales Navigator api
export const wrongApi: LinkedInUserActionRequest = { account_id, api: "sales_navigator", action: "addCandidateToPipeline", hiring_project_id: "p" };
// @ts-expect-error not a pipeline stage
export const badStage: LinkedInUserActionRequest = { account_id, api: "recruiter", action: "addCandidateToPipeline", hiring_project_id: "p", stage: "HIRED" };
// @ts-expect-error not a rejection reason
export const badReason: LinkedInUserActionRequest = { account_id, api: "recruiter", action: "rejectApplicant", hiring_project_id: "p", reason: "TOO_EXPENSIVE" };
// @ts-expect-error saveLead requires account_id
export const saveLeadWithoutAccount: LinkedInUserActionRequest = { api: "sales_navigator", action: "saveLead" };

export function describeAction(body: LinkedInUserActionRequest): string {
    switch (body.action) {
        case "addCandidateToPipeline":
        case "addApplicantToPipeline":
        case "changeCandidatePipeline":
            return `${body.action} ${body.hiring_project_id} ${body.stage ?? "UNCONTACTED"}`;
        case "rejectApplicant":
            return `reject ${body.hiring_project_id}: ${body.reason}, notify=${body.rejection_notification !== undefined}`;
        case "saveLead":
            // @ts-expect-error saveLead has no hiring project
            void body.hiring_project_id;
            return `save lead into ${body.list_id ?? "the default list"}`;
        default:
            return assertNever(body);
    }
}

// ---------------------------------------------------------------- the SDK functions (typed calls, never run)
const client = createClient({ baseUrl: "https://api.postpress.ai/api/v1", headers: { "X-API-KEY": "pp_test" } });

export async function sdkCalls(): Promise<string[]> {
    const own = await getOwnProfile({ client, query: { account_id }, throwOnError: true });
    const profile = await getUserProfile({
        client,
        path: { identifier: "jordan-walke" },
        query: { account_id, linkedin_sections: ["*_preview", "skills"] },
        throwOnError: true,
    });
    const relations = await listRelations({ client, query: { account_id, limit: 100 }, throwOnError: true });
    const account = await getAccount({ client, path: { id: "acc_1" }, throwOnError: true });
    const result = await performLinkedInUserAction({ client, path: { user_id: "AEMAACr-1eYBl" }, body: saveLead, throwOnError: true });
    const success: boolean = result.data.success;
    return [
        describeOwnProfile(own.data),
        describeUserProfile(profile.data),
        nextCursor(relations.data) ?? "last page",
        describeAccount(account.data),
        String(success),
    ];
}

export async function wrongSdkCalls(): Promise<void> {
    // @ts-expect-error account_id is a required query parameter
    await getOwnProfile({ client, query: {} });
    // @ts-expect-error the path parameter is required
    await getAccount({ client });
    // @ts-expect-error not a body variant (no action)
    await performLinkedInUserAction({ client, path: { user_id: "AEMAACr-1eYBl" }, body: { account_id, api: "recruiter" } });
    const maybe = await getAccount({ client, path: { id: "acc_1" } });
    // @ts-expect-error without throwOnError the data is undefined when the call failed
    void maybe.data.type;
    if (maybe.data !== undefined) {
        void describeAccount(maybe.data);
    }
}
