// Hand-written consumer of the types openapi-typescript generates from openapi/postpress.yaml
// (generated/postpress.ts, rebuilt by tests/crosslang/run.sh). It is only type-checked (tsc --noEmit), never run.
//
// What it proves about the spec as another generator reads it:
// - every `oneOf` + `discriminator` union (OwnProfile, UserProfile by `provider`, Account by `type`,
//   RecruitingActivity by `event`, LinkedInUserActionRequest by `action`) becomes a TypeScript union whose
//   variants narrow on the discriminator property, because each variant declares it as a `const`/`enum` literal;
// - the seat unions (Seat | Error | null, no discriminator) narrow with `=== null` and the `in` operator;
// - each of the three POST /linkedin/user/{user_id} body variants can be built, and wrong bodies are rejected.
// Each `// @ts-expect-error` line must fail to type-check: tsc reports an unused directive as an error, so if the
// spec (or the generator) ever stops rejecting that mistake, this file stops compiling.
//
// openapi-typescript does not use the `discriminator` object itself for narrowing (TypeScript has no such
// concept); it copies the mapping into a literal-typed property on each variant ("discriminator enum property
// added by openapi-typescript"), and TypeScript's ordinary discriminated-union narrowing does the rest. The
// `switch` statements end in `assertNever`, so they are exhaustive: a variant added to the spec must be handled
// here (update this file when the API grows).

import type { components, operations, paths } from "./generated/postpress";

type Schemas = components["schemas"];

/** Compile-time type equality: true only when A and B are the same type. */
type Equals<A, B> = (<T>() => T extends A ? 1 : 2) extends <T>() => T extends B ? 1 : 2 ? true : false;
function assertType<T extends true>(): T | void {}

function assertNever(value: never): never {
    throw new Error(`unexpected variant: ${JSON.stringify(value)}`);
}

// ---------------------------------------------------------------- the operations return the named unions
type JsonOf<R> = R extends { content: { "application/json": infer B } } ? B : never;

type OwnProfileResponse = JsonOf<paths["/users/me"]["get"]["responses"][200]>;
type UserProfileResponse = JsonOf<paths["/users/{identifier}"]["get"]["responses"][200]>;
type AccountResponse = JsonOf<paths["/accounts/{id}"]["get"]["responses"][200]>;
type RelationsResponse = JsonOf<paths["/users/relations"]["get"]["responses"][200]>;
type ActionBody = paths["/linkedin/user/{user_id}"]["post"]["requestBody"]["content"]["application/json"];
type ActionResult = JsonOf<operations["performLinkedInUserAction"]["responses"][200]>;

assertType<Equals<OwnProfileResponse, Schemas["OwnProfile"]>>();
assertType<Equals<UserProfileResponse, Schemas["UserProfile"]>>();
assertType<Equals<AccountResponse, Schemas["Account"]>>();
assertType<Equals<RelationsResponse, Schemas["UserRelationsList"]>>();
assertType<Equals<ActionBody, Schemas["LinkedInUserActionRequest"]>>();
assertType<Equals<ActionResult, Schemas["LinkedInUserActionResult"]>>();
// @ts-expect-error the own profile is not the user profile union
assertType<Equals<OwnProfileResponse, Schemas["UserProfile"]>>();

// ---------------------------------------------------------------- parameters
type OwnProfileQuery = operations["getOwnProfile"]["parameters"]["query"];
type UserProfileQuery = operations["getUserProfile"]["parameters"]["query"];
export const ownQuery: OwnProfileQuery = { account_id: "acc_1" };
// @ts-expect-error account_id is required
export const ownQueryMissing: OwnProfileQuery = {};
export const userQuery: UserProfileQuery = { account_id: "acc_1", linkedin_sections: ["*_preview", "experience"] };
// @ts-expect-error not a linkedin_sections selector
export const userQueryBadSection: UserProfileQuery = { account_id: "acc_1", linkedin_sections: ["everything"] };

// ---------------------------------------------------------------- seat unions: Seat | Error | null
export function describeRecruiterSeat(seat: Schemas["RecruiterSeatStatus"]): string {
    // @ts-expect-error the seat may be null (Recruiter not available)
    void seat.owner_seat_id;
    if (seat === null) {
        return "Recruiter is not available";
    }
    // @ts-expect-error still a Seat or an error: only a Seat has owner_seat_id
    void seat.owner_seat_id;
    if ("owner_seat_id" in seat) {
        const s: Schemas["Seat"] = seat;
        return `seat ${s.owner_seat_id} (contract ${seat.contract_id})`;
    }
    const code: "MULTIPLE_SESSIONS" | "DISCONNECTED" = seat.error;
    return `Recruiter seat error ${code}`;
}

export function describeSalesNavigatorSeat(seat: Schemas["SalesNavigatorSeatStatus"]): string {
    if (seat === null) {
        return "Sales Navigator is not available";
    }
    if ("error" in seat) {
        // The Sales Navigator error documents one value only.
        const code: "DISCONNECTED" = seat.error;
        return code;
    }
    return seat.contract_id;
}

// ---------------------------------------------------------------- OwnProfile, narrowed by `provider`
export function describeOwnProfile(p: Schemas["OwnProfile"]): string {
    // @ts-expect-error headline exists only on the LinkedIn variant: not accessible before narrowing
    void p.headline;

    if (p.provider === "LINKEDIN") {
        const li: Schemas["LinkedInOwnProfile"] = p;
        const headline: string | undefined = p.headline;
        return [li.first_name, headline ?? "", describeRecruiterSeat(p.recruiter), describeSalesNavigatorSeat(p.sales_navigator)].join(" ");
    }
    // @ts-expect-error after the LINKEDIN branch returned, no remaining variant has a headline
    void p.headline;

    switch (p.provider) {
        case "TELEGRAM":
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
export function describeUserProfile(p: Schemas["UserProfile"]): string {
    // @ts-expect-error headline exists only on the LinkedIn variant
    void p.headline;

    if (p.provider === "LINKEDIN") {
        // Required on the LinkedIn user profile (optional on the own profile).
        const headline: string = p.headline;
        const activity = p.recruiting_activity ?? [];
        return `${headline}: ${activity.map(describeActivity).join("; ")}`;
    }
    switch (p.provider) {
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
export const noSuchProvider: Schemas["UserProfile"]["provider"] = "FACEBOOK";

// ---------------------------------------------------------------- RecruitingActivity, narrowed by `event`
export function describeActivity(a: Schemas["RecruitingActivity"]): string {
    const by: string = a.created_by.full_name; // shared by every variant
    // @ts-expect-error `status` exists only on the MESSAGE variant
    void a.status;

    switch (a.event) {
        case "MESSAGE": {
            const status: Schemas["RecruitingMessageStatus"] = a.status;
            return `${by} sent "${a.content}" (${status})`;
        }
        case "NOTE_ADDED":
        case "NOTE_EDITED":
        case "NOTE_DELETED": {
            const note: Schemas["RecruitingNoteActivity"] = a;
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
export function editedNoteText(a: Schemas["RecruitingActivity"]): string | undefined {
    // @ts-expect-error not every activity is a note (a Profile view is not)
    const anyNote: Schemas["RecruitingNoteActivity"] = a;
    void anyNote;
    if (a.event === "NOTE_EDITED") {
        const note: Schemas["RecruitingNoteActivity"] = a;
        return note.content;
    }
    // (TypeScript narrows a union by dropping members, not by narrowing a member's own `event` type: after this
    // test `a` may still be a Note with NOTE_ADDED/NOTE_DELETED, so exhaustive switches list all three values.)
    return undefined;
}

// ---------------------------------------------------------------- Account, narrowed by `type`
export function describeAccount(a: Schemas["Account"]): string {
    const shared = `${a.id} ${a.name}`; // AccountFields, on every variant
    // @ts-expect-error connection_params.im does not exist on every variant (MAIL has `mail`)
    void a.connection_params.im;

    switch (a.type) {
        case "LINKEDIN": {
            const premium: string | null = a.connection_params.im.premiumId;
            return `${shared} LinkedIn ${a.connection_params.im.username} premium=${premium ?? "none"}`;
        }
        case "MOBILE":
            return `${shared} SIM ${a.connection_params.call.sim_serial_number}`;
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
export function nextCursor(page: Schemas["UserRelationsList"]): string | undefined {
    // @ts-expect-error the cursor is null on the last page
    const c: string = page.cursor;
    void c;
    return page.cursor ?? undefined;
}

// ---------------------------------------------------------------- POST /linkedin/user/{user_id}: the three bodies
const account_id = "acc_linkedin_01HXYZ4QK3WJ8FN3M6QH7TZ8GR";

export const addToPipeline: ActionBody = {
    account_id,
    api: "recruiter",
    action: "addCandidateToPipeline",
    hiring_project_id: "proj_1",
    stage: "UNCONTACTED",
};
export const changePipeline: Schemas["RecruiterPipelineActionRequest"] = {
    account_id,
    api: "recruiter",
    action: "changeCandidatePipeline",
    hiring_project_id: "proj_1",
};
export const rejectApplicant: ActionBody = {
    account_id,
    api: "recruiter",
    action: "rejectApplicant",
    hiring_project_id: "proj_1",
    reason: "MORE_QUALIFIED_CANDIDATES",
    rejection_notification: { message: "Thank you for applying.", send_notification_at: 1747400000000 },
};
export const saveLead: ActionBody = {
    account_id,
    api: "sales_navigator",
    action: "saveLead",
    list_id: "list_1",
};
export const userPath: operations["performLinkedInUserAction"]["parameters"]["path"] = { user_id: "AEMAACr-1eYBl" };

// Wrong bodies. One literal per line: the directive covers the next line only.
// @ts-expect-error unknown action value
export const unknownAction: ActionBody = { account_id, api: "recruiter", action: "fireCandidate", hiring_project_id: "p" };
// @ts-expect-error rejectApplicant requires `reason`
export const rejectWithoutReason: ActionBody = { account_id, api: "recruiter", action: "rejectApplicant", hiring_project_id: "p" };
// @ts-expect-error the pipeline actions require hiring_project_id
export const pipelineWithoutProject: ActionBody = { account_id, api: "recruiter", action: "addApplicantToPipeline" };
// @ts-expect-error a Recruiter action sent to the Sales Navigator api
export const wrongApi: ActionBody = { account_id, api: "sales_navigator", action: "addCandidateToPipeline", hiring_project_id: "p" };
// @ts-expect-error not a pipeline stage
export const badStage: ActionBody = { account_id, api: "recruiter", action: "addCandidateToPipeline", hiring_project_id: "p", stage: "HIRED" };
// @ts-expect-error not a rejection reason
export const badReason: ActionBody = { account_id, api: "recruiter", action: "rejectApplicant", hiring_project_id: "p", reason: "TOO_EXPENSIVE" };
// @ts-expect-error saveLead requires account_id
export const saveLeadWithoutAccount: ActionBody = { api: "sales_navigator", action: "saveLead" };

export function describeAction(body: ActionBody): string {
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

export function describeResult(r: ActionResult): boolean {
    const marker: "LinkedinPerformActionOnUser" = r.object;
    void marker;
    return r.success;
}
