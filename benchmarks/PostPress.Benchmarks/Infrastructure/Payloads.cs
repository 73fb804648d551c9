using System;
using System.Buffers;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Text;
using System.Text.Json;

namespace PostPress.Benchmarks.Infrastructure;

/// <summary>
/// Builds the canned response bodies of scenarios A-E from the spec's schemas (openapi/postpress.yaml), with a fixed
/// seed so that every run, every client and every machine sees byte-identical payloads.
/// </summary>
internal static class Payloads
{
    public const int Seed = 20261130;
    public const string AccountId = "acc_linkedin_01HXYZ4QK3WJ8FN3M6QH7TZ8GR";
    public const string ProfileIdentifier = "jordan-walke";
    public const string ActionUserId = "AEMAABjordanwalke";
    public const string HiringProjectId = "proj_0042";

    public const int RelationPages = 100;
    public const int RelationsPerPage = 1000;
    public const int TotalRelations = RelationPages * RelationsPerPage;

    /// <summary>The 14 account types of the spec's <c>Account</c> union, in the spec's order.</summary>
    public static readonly string[] AccountTypes =
    {
        "MOBILE", "MAIL", "GOOGLE_OAUTH", "ICLOUD", "OUTLOOK", "GOOGLE_CALENDAR", "WHATSAPP", "LINKEDIN", "SLACK",
        "TWITTER", "EXCHANGE", "TELEGRAM", "INSTAGRAM", "MESSENGER",
    };

    /// <summary>The 10 discriminator values of <c>RecruitingActivity</c> (6 variants).</summary>
    public static readonly string[] ActivityEvents =
    {
        "MESSAGE", "NOTE_ADDED", "NOTE_EDITED", "NOTE_DELETED", "LINK_ADDED", "LINK_DELETED", "CANDIDATE_ADDED",
        "CANDIDATE_MOVED", "PROFILE_VIEW", "UNHANDLED_EVENT",
    };

    /// <summary>The 55-byte body of <c>LinkedInUserActionResult</c>.</summary>
    public static readonly byte[] ActionResult = Encoding.UTF8.GetBytes("{\"object\":\"LinkedinPerformActionOnUser\",\"success\":true}");

    private static readonly string[] Words =
    {
        "platform", "engineering", "team", "scalable", "distributed", "systems", "product", "growth", "customer",
        "data", "pipeline", "cloud", "native", "react", "design", "lead", "senior", "staff", "mentoring", "hiring",
        "strategy", "delivery", "quality", "performance", "security", "mobile", "web", "api", "open", "source",
        "community", "analytics", "machine", "learning", "infrastructure", "reliability", "observability", "payments",
        "marketplace", "startup", "enterprise", "research", "launch", "roadmap", "stakeholders", "migration",
    };

    private static readonly string[] FirstNames = { "Ada", "Grace", "Alan", "Jordan", "Linus", "Margaret", "Barbara", "Ken", "Dennis", "Radia", "Frances", "Edsger" };
    private static readonly string[] LastNames = { "Lovelace", "Hopper", "Turing", "Walke", "Torvalds", "Hamilton", "Liskov", "Thompson", "Ritchie", "Perlman", "Allen", "Dijkstra" };
    private static readonly string[] Companies = { "Meta", "Stripe", "Datadog", "Figma", "Shopify", "Atlassian", "GitLab", "Vercel", "Cloudflare", "Elastic" };
    private static readonly string[] Cities = { "Paris, Île-de-France, France", "San Francisco Bay Area", "London, England, United Kingdom", "Berlin, Germany", "Toronto, Ontario, Canada" };

    /// <summary>Scenario A: a LinkedIn <c>UserProfile</c> of about 64 KB.</summary>
    public static byte[] LinkedInProfile()
    {
        var rng = new Random(Seed);
        return Write(w =>
        {
            w.WriteStartObject();
            w.WriteString("object", "UserProfile");
            w.WriteString("provider", "LINKEDIN");
            w.WriteString("provider_id", "ACoAAAF6yBcBqSRKj5c4Vb0xWc3Zx9bX1mq2r8A");
            w.WriteString("public_identifier", ProfileIdentifier);
            w.WriteString("public_profile_url", "https://www.linkedin.com/in/" + ProfileIdentifier);
            w.WriteString("first_name", "Jordan");
            w.WriteString("last_name", "Walke");
            w.WriteString("pronoun", "he/him");
            w.WriteString("headline", "Software engineer; creator of React");
            w.WriteString("summary", Sentence(rng, 50));
            w.WriteString("location", Cities[0]);
            Strings(w, "websites", "https://example.org", "https://blog.example.org", "https://github.com/example");
            w.WriteString("profile_picture_url", Picture(rng));
            w.WriteString("profile_picture_url_large", Picture(rng));
            w.WriteString("background_picture_url", Picture(rng));
            Strings(w, "hashtags", "#react", "#javascript", "#opensource", "#ui", "#performance");
            w.WriteStartObject("contact_info");
            Strings(w, "emails", "jordan@example.org", "jw@example.com");
            Strings(w, "phones", "+1 415 555 0100");
            Strings(w, "adresses", "1 Hacker Way, Menlo Park, CA");
            w.WriteStartArray("socials");
            w.WriteStartObject(); w.WriteString("type", "TWITTER"); w.WriteString("name", "jordwalke"); w.WriteEndObject();
            w.WriteStartObject(); w.WriteString("type", "GITHUB"); w.WriteString("name", "jordwalke"); w.WriteEndObject();
            w.WriteEndArray();
            w.WriteEndObject();
            w.WriteStartObject("birthdate"); w.WriteNumber("month", 4); w.WriteNumber("day", 17); w.WriteEndObject();
            w.WriteStartObject("primary_locale"); w.WriteString("country", "US"); w.WriteString("language", "en"); w.WriteEndObject();
            w.WriteStartObject("creator_website"); w.WriteString("url", "https://example.org"); w.WriteString("description", "Blog"); w.WriteEndObject();
            w.WriteBoolean("can_send_inmail", true);
            w.WriteNumber("connected_at", 1717171717000L);
            w.WriteBoolean("is_open_profile", false);
            w.WriteBoolean("is_premium", true);
            w.WriteBoolean("is_influencer", false);
            w.WriteBoolean("is_creator", true);
            w.WriteBoolean("is_hiring", false);
            w.WriteBoolean("is_open_to_work", false);
            w.WriteBoolean("is_saved_lead", false);
            w.WriteBoolean("is_crm_imported", false);
            w.WriteBoolean("is_relationship", true);
            w.WriteBoolean("is_self", false);
            w.WriteStartObject("invitation"); w.WriteString("type", "SENT"); w.WriteString("status", "PENDING"); w.WriteEndObject();

            w.WriteStartArray("work_experience");
            for (var i = 0; i < 50; i++)
            {
                var company = Companies[rng.Next(Companies.Length)];
                w.WriteStartObject();
                w.WriteString("id", "2" + rng.Next(100_000_000, 999_999_999).ToString(CultureInfo.InvariantCulture));
                w.WriteString("position", Title(rng));
                w.WriteString("company", company);
                w.WriteString("company_id", rng.Next(1000, 9_999_999).ToString(CultureInfo.InvariantCulture));
                w.WriteString("company_url", "https://www.linkedin.com/company/" + company.ToLowerInvariant());
                w.WriteString("company_picture_url", Picture(rng));
                Strings(w, "industry", "Software Development");
                w.WriteString("location", Cities[rng.Next(Cities.Length)]);
                w.WriteString("description", Sentence(rng, 8));
                Strings(w, "skills", Word(rng), Word(rng), Word(rng));
                w.WriteBoolean("current", i == 0);
                w.WriteString("status", "ACTIVE");
                w.WriteString("start", (2024 - i / 3).ToString(CultureInfo.InvariantCulture) + "-0" + (1 + i % 9).ToString(CultureInfo.InvariantCulture));
                if (i == 0) w.WriteNull("end"); else w.WriteString("end", (2025 - i / 3).ToString(CultureInfo.InvariantCulture) + "-0" + (1 + i % 9).ToString(CultureInfo.InvariantCulture));
                w.WriteEndObject();
            }
            w.WriteEndArray();
            w.WriteNumber("work_experience_total_count", 50);

            w.WriteStartArray("volunteering_experience");
            for (var i = 0; i < 3; i++)
            {
                w.WriteStartObject();
                w.WriteString("company", "Code for Good " + i.ToString(CultureInfo.InvariantCulture));
                w.WriteString("description", Sentence(rng, 20));
                w.WriteString("role", "Mentor");
                w.WriteString("cause", "EDUCATION");
                w.WriteString("start", "2019-05");
                if (i == 0) w.WriteNull("end"); else w.WriteString("end", "2021-06");
                w.WriteEndObject();
            }
            w.WriteEndArray();
            w.WriteNumber("volunteering_experience_total_count", 3);

            w.WriteStartArray("education");
            for (var i = 0; i < 4; i++)
            {
                w.WriteStartObject();
                w.WriteString("id", "ed" + i.ToString(CultureInfo.InvariantCulture));
                w.WriteString("school", "University " + Word(rng));
                w.WriteString("school_id", rng.Next(1000, 99999).ToString(CultureInfo.InvariantCulture));
                w.WriteString("school_url", "https://www.linkedin.com/school/" + i.ToString(CultureInfo.InvariantCulture));
                w.WriteString("school_picture_url", Picture(rng));
                w.WriteString("degree", "Bachelor of Science");
                w.WriteString("grade", "A");
                w.WriteString("field_of_study", "Computer Science");
                w.WriteString("description", Sentence(rng, 15));
                w.WriteString("activities", "Robotics club, ACM");
                Strings(w, "skills", Word(rng), Word(rng));
                w.WriteString("start", "2004");
                w.WriteString("end", "2008");
                w.WriteEndObject();
            }
            w.WriteEndArray();
            w.WriteNumber("education_total_count", 4);

            w.WriteStartArray("skills");
            for (var i = 0; i < 100; i++)
            {
                w.WriteStartObject();
                w.WriteString("name", Word(rng) + " " + Word(rng));
                w.WriteNumber("endorsement_count", rng.Next(0, 99));
                w.WriteNumber("endorsement_id", 6_000_000_000L + rng.Next());
                Strings(w, "insights", "Endorsed by " + FirstNames[rng.Next(FirstNames.Length)] + " and 3 others");
                w.WriteBoolean("endorsed", rng.Next(2) == 0);
                w.WriteEndObject();
            }
            w.WriteEndArray();
            w.WriteNumber("skills_total_count", 100);

            w.WriteStartArray("languages");
            foreach (var (name, level) in new[] { ("English", "NATIVE_OR_BILINGUAL"), ("French", "PROFESSIONAL_WORKING"), ("Spanish", "ELEMENTARY"), ("German", "LIMITED_WORKING") })
            {
                w.WriteStartObject(); w.WriteString("name", name); w.WriteString("proficiency", level); w.WriteEndObject();
            }
            w.WriteEndArray();
            w.WriteNumber("languages_total_count", 4);

            w.WriteStartArray("certifications");
            for (var i = 0; i < 6; i++)
            {
                w.WriteStartObject();
                w.WriteString("name", "Certified " + Word(rng) + " professional");
                w.WriteString("organization", Companies[rng.Next(Companies.Length)]);
                w.WriteString("url", "https://example.org/cert/" + i.ToString(CultureInfo.InvariantCulture));
                w.WriteEndObject();
            }
            w.WriteEndArray();
            w.WriteNumber("certifications_total_count", 6);

            w.WriteStartArray("projects");
            for (var i = 0; i < 5; i++)
            {
                w.WriteStartObject();
                w.WriteString("name", "Project " + Word(rng));
                w.WriteString("description", Sentence(rng, 25));
                Strings(w, "skills", Word(rng), Word(rng), Word(rng));
                w.WriteString("start", "2016-01");
                if (i == 0) w.WriteNull("end"); else w.WriteString("end", "2017-03");
                w.WriteEndObject();
            }
            w.WriteEndArray();
            w.WriteNumber("projects_total_count", 5);

            w.WriteStartObject("recommendations");
            Recommendations(w, rng, "received", 3);
            w.WriteNumber("received_total_count", 3);
            Recommendations(w, rng, "given", 2);
            w.WriteNumber("given_total_count", 2);
            w.WriteEndObject();

            w.WriteStartArray("tags");
            for (var i = 0; i < 5; i++)
            {
                w.WriteStartObject(); w.WriteString("id", "tag_" + i.ToString(CultureInfo.InvariantCulture)); w.WriteString("name", Word(rng)); w.WriteEndObject();
            }
            w.WriteEndArray();

            w.WriteStartArray("notes");
            for (var i = 0; i < 5; i++)
            {
                w.WriteStartObject();
                w.WriteString("project_id", HiringProjectId);
                w.WriteString("content", Sentence(rng, 12));
                w.WriteNumber("created_at", 1_700_000_000_000L + i * 86_400_000L);
                w.WriteStartObject("author");
                w.WriteString("id", "rec_" + i.ToString(CultureInfo.InvariantCulture));
                w.WriteString("seat_id", "seat_1");
                w.WriteString("first_name", FirstNames[rng.Next(FirstNames.Length)]);
                w.WriteString("last_name", LastNames[rng.Next(LastNames.Length)]);
                w.WriteBoolean("public_profile_url", false);
                w.WriteEndObject();
                w.WriteEndObject();
            }
            w.WriteEndArray();
            w.WriteString("candidate_id", "cand_77001");

            w.WriteStartArray("recruiting_activity");
            for (var i = 0; i < 20; i++)
            {
                var ev = ActivityEvents[i % ActivityEvents.Length];
                w.WriteStartObject();
                w.WriteString("event", ev);
                w.WriteString("created_at", "2025-0" + (1 + i % 9).ToString(CultureInfo.InvariantCulture) + "-1" + (i % 10).ToString(CultureInfo.InvariantCulture));
                Actor(w, rng, "created_by");
                if (ev != "UNHANDLED_EVENT")
                {
                    w.WriteString("updated_at", "2025-10-0" + (1 + i % 9).ToString(CultureInfo.InvariantCulture));
                    Actor(w, rng, "updated_by");
                }

                switch (ev)
                {
                    case "MESSAGE":
                        w.WriteString("content", Sentence(rng, 20));
                        w.WriteString("status", "AWAITING_REPLY");
                        break;
                    case "NOTE_ADDED" or "NOTE_EDITED" or "NOTE_DELETED" or "LINK_ADDED" or "LINK_DELETED":
                        w.WriteString("content", Sentence(rng, 10));
                        break;
                    case "CANDIDATE_ADDED" or "CANDIDATE_MOVED":
                        w.WriteString("project_id", HiringProjectId);
                        w.WriteString("project_name", "Staff engineers 2025");
                        w.WriteString("state", "CONTACTED");
                        break;
                }

                w.WriteEndObject();
            }
            w.WriteEndArray();

            Strings(w, "throttled_sections", "recommendations_given");
            w.WriteNumber("follower_count", 48_210L);
            w.WriteNumber("connections_count", 500L);
            w.WriteNumber("shared_connections_count", 12L);
            w.WriteString("network_distance", "SECOND_DEGREE");
            w.WriteEndObject();
        });
    }

    /// <summary>Scenario B: <c>GET /accounts/{id}</c> of one of the 14 account types.</summary>
    public static byte[] Account(string type)
    {
        var rng = new Random(Seed + Array.IndexOf(AccountTypes, type));
        return Write(w =>
        {
            w.WriteStartObject();
            w.WriteString("object", "Account");
            w.WriteString("id", AccountIdFor(type));
            w.WriteString("name", type.ToLowerInvariant() + " account of Ada Lovelace");
            w.WriteString("type", type);
            w.WriteString("created_at", "2025-0" + (1 + rng.Next(9)).ToString(CultureInfo.InvariantCulture) + "-14T09:26:53.589Z");
            w.WriteString("current_signature", "sig_1");
            w.WriteStartArray("signatures");
            for (var i = 0; i < 2; i++)
            {
                w.WriteStartObject(); w.WriteString("title", "Signature " + i.ToString(CultureInfo.InvariantCulture)); w.WriteString("content", Sentence(rng, 8)); w.WriteEndObject();
            }
            w.WriteEndArray();
            Strings(w, "groups", "grp_sales", "grp_recruiting", "grp_" + rng.Next(1000).ToString(CultureInfo.InvariantCulture));
            w.WriteStartArray("sources");
            foreach (var (id, status) in new[] { ("src_messaging", "OK"), ("src_calendar", "CONNECTING"), ("src_contacts", "CREDENTIALS") })
            {
                w.WriteStartObject(); w.WriteString("id", id); w.WriteString("status", status); w.WriteEndObject();
            }
            w.WriteEndArray();
            w.WriteStartObject("connection_params");
            switch (type)
            {
                case "MOBILE":
                    w.WriteStartObject("im"); w.WriteString("phone_number", "+33612345678"); w.WriteString("sim_serial_number", "8933150319999999999"); w.WriteEndObject();
                    w.WriteStartObject("call"); w.WriteString("phone_number", "+33612345678"); w.WriteString("sim_serial_number", "8933150319999999999"); w.WriteString("last_fetched_at", "2025-12-31T23:59:59.999Z"); w.WriteEndObject();
                    break;
                case "MAIL" or "ICLOUD" or "EXCHANGE":
                    w.WriteStartObject("mail");
                    w.WriteString("imap_host", "imap.example.org"); w.WriteNumber("imap_port", 993); w.WriteString("imap_user", "ada@example.org");
                    w.WriteString("imap_encryption", "ssl");
                    w.WriteString("smtp_host", "smtp.example.org"); w.WriteNumber("smtp_port", 587); w.WriteString("smtp_user", "ada@example.org");
                    w.WriteEndObject();
                    break;
                case "GOOGLE_OAUTH" or "OUTLOOK":
                    w.WriteStartObject("mail"); w.WriteString("id", "1098765432101234567"); w.WriteString("username", "ada@example.org"); w.WriteEndObject();
                    w.WriteStartObject("calendar"); w.WriteString("id", "1098765432101234567"); w.WriteString("username", "ada@example.org"); w.WriteEndObject();
                    break;
                case "GOOGLE_CALENDAR":
                    w.WriteString("calendar", "ada@example.org");
                    w.WriteString("sync_token", "CPDAlvWDx70CEPDAlvWDx70CGAU=");
                    break;
                case "WHATSAPP":
                    w.WriteStartObject("im"); w.WriteString("phone_number", "+33612345678"); w.WriteEndObject();
                    break;
                case "LINKEDIN":
                    w.WriteStartObject("im");
                    w.WriteString("id", "ACoAAAF6yBcBqSRKj5c4Vb0xWc3Zx9bX1mq2r8A");
                    w.WriteString("publicIdentifier", "ada-lovelace");
                    w.WriteString("username", "Ada Lovelace");
                    w.WriteString("premiumId", "prem_123");
                    w.WriteString("premiumContractId", "ct_456");
                    Strings(w, "premiumFeatures", "recruiter", "sales_navigator", "premium");
                    w.WriteStartArray("organizations");
                    for (var i = 0; i < 3; i++)
                    {
                        w.WriteStartObject();
                        w.WriteString("name", Companies[i]);
                        w.WriteBoolean("messaging_enabled", i == 0);
                        w.WriteString("organization_urn", "urn:li:organization:" + (1000 + i).ToString(CultureInfo.InvariantCulture));
                        w.WriteString("mailbox_urn", "urn:li:fsd_profile:mb" + i.ToString(CultureInfo.InvariantCulture));
                        w.WriteEndObject();
                    }
                    w.WriteEndArray();
                    w.WriteStartObject("proxy");
                    w.WriteString("source", "USER"); w.WriteString("host", "proxy.example.org"); w.WriteNumber("port", 8080);
                    w.WriteString("protocol", "https"); w.WriteString("username", "proxyuser"); w.WriteString("password", "proxy-secret");
                    w.WriteEndObject();
                    w.WriteEndObject();
                    break;
                case "SLACK":
                    w.WriteStartObject("im");
                    w.WriteString("url", "https://example.slack.com"); w.WriteString("user", "ada"); w.WriteString("user_id", "U012AB3CD");
                    w.WriteString("team", "Example"); w.WriteString("team_id", "T012AB3CD");
                    w.WriteEndObject();
                    break;
                case "TELEGRAM":
                    w.WriteStartObject("im"); w.WriteString("user_id", "123456789"); w.WriteString("username", "ada_l"); w.WriteEndObject();
                    break;
                case "TWITTER" or "INSTAGRAM" or "MESSENGER":
                    w.WriteStartObject("im"); w.WriteString("id", "1480000000000000000"); w.WriteString("username", "ada_lovelace"); w.WriteEndObject();
                    break;
                default:
                    throw new ArgumentOutOfRangeException(nameof(type), type, "unknown account type");
            }

            w.WriteEndObject();
            w.WriteEndObject();
        });
    }

    public static string AccountIdFor(string type) => "acc_" + type.ToLowerInvariant() + "_01HXYZ4QK3WJ8FN3M6QH7TZ8GR";

    /// <summary>Scenario C: page <paramref name="page"/> (0-based) of the account's relations.</summary>
    public static byte[] RelationsPage(int page)
    {
        var rng = new Random(Seed + 1000 + page);
        return Write(w =>
        {
            w.WriteStartObject();
            w.WriteString("object", "UserRelationsList");
            w.WriteStartArray("items");
            for (var i = 0; i < RelationsPerPage; i++)
            {
                var n = page * RelationsPerPage + i;
                var first = FirstNames[rng.Next(FirstNames.Length)];
                var last = LastNames[rng.Next(LastNames.Length)];
                var publicId = first.ToLowerInvariant() + "-" + last.ToLowerInvariant() + "-" + n.ToString("x6", CultureInfo.InvariantCulture);
                var memberId = "ACoAA" + n.ToString("D8", CultureInfo.InvariantCulture) + "Bq";
                w.WriteStartObject();
                w.WriteString("object", "UserRelation");
                w.WriteString("first_name", first);
                w.WriteString("last_name", last);
                w.WriteString("headline", Title(rng) + " at " + Companies[rng.Next(Companies.Length)]);
                w.WriteString("public_identifier", publicId);
                w.WriteString("public_profile_url", "https://www.linkedin.com/in/" + publicId);
                w.WriteNumber("created_at", 1_600_000_000_000L + n * 60_000L);
                w.WriteString("member_id", memberId);
                w.WriteString("member_urn", "urn:li:member:" + (100_000_000 + n).ToString(CultureInfo.InvariantCulture));
                w.WriteString("connection_urn", "urn:li:fsd_connection:" + memberId);
                w.WriteString("profile_picture_url", Picture(rng));
                w.WriteEndObject();
            }

            w.WriteEndArray();
            if (page + 1 < RelationPages)
            {
                w.WriteString("cursor", CursorFor(page + 1));
            }
            else
            {
                w.WriteNull("cursor");
            }

            w.WriteEndObject();
        });
    }

    public static string CursorFor(int page) => "cur" + page.ToString("D4", CultureInfo.InvariantCulture);

    /// <summary>The page a request asks for: <c>cursor=curNNNN</c> in the query, or page 0 without one.</summary>
    public static int PageOf(Uri? uri)
    {
        var query = uri?.Query ?? string.Empty;
        var at = query.IndexOf("cursor=cur", StringComparison.Ordinal);
        return at < 0 ? 0 : int.Parse(query.AsSpan(at + 10, 4), NumberStyles.None, CultureInfo.InvariantCulture);
    }

    private static void Recommendations(Utf8JsonWriter w, Random rng, string name, int count)
    {
        w.WriteStartArray(name);
        for (var i = 0; i < count; i++)
        {
            var first = FirstNames[rng.Next(FirstNames.Length)];
            var last = LastNames[rng.Next(LastNames.Length)];
            w.WriteStartObject();
            w.WriteString("text", Sentence(rng, 30));
            w.WriteString("caption", "March 3, 2021, " + first + " managed Jordan directly");
            w.WriteStartObject("actor");
            w.WriteString("first_name", first);
            w.WriteString("last_name", last);
            w.WriteString("provider_id", "ACoAA" + rng.Next(1_000_000, 9_999_999).ToString(CultureInfo.InvariantCulture));
            w.WriteString("headline", Title(rng));
            w.WriteString("public_identifier", first.ToLowerInvariant() + "-" + last.ToLowerInvariant());
            w.WriteString("public_profile_url", "https://www.linkedin.com/in/" + first.ToLowerInvariant() + "-" + last.ToLowerInvariant());
            w.WriteString("profile_picture_url", Picture(rng));
            w.WriteEndObject();
            w.WriteEndObject();
        }

        w.WriteEndArray();
    }

    private static void Actor(Utf8JsonWriter w, Random rng, string name)
    {
        w.WriteStartObject(name);
        w.WriteString("provider_id", "AEMAA" + rng.Next(1_000_000, 9_999_999).ToString(CultureInfo.InvariantCulture));
        w.WriteString("full_name", FirstNames[rng.Next(FirstNames.Length)] + " " + LastNames[rng.Next(LastNames.Length)]);
        w.WriteString("picture_url", Picture(rng));
        w.WriteEndObject();
    }

    private static void Strings(Utf8JsonWriter w, string name, params string[] values)
    {
        w.WriteStartArray(name);
        foreach (var v in values)
        {
            w.WriteStringValue(v);
        }

        w.WriteEndArray();
    }

    private static string Word(Random rng) => Words[rng.Next(Words.Length)];

    private static string Title(Random rng) =>
        new[] { "Senior Software Engineer", "Staff Engineer", "Engineering Manager", "Principal Engineer", "Tech Lead", "Product Engineer" }[rng.Next(6)];

    private static string Picture(Random rng) =>
        "https://media.licdn.com/dms/image/v2/D4E03AQ" + rng.Next(100_000_000, 999_999_999).ToString(CultureInfo.InvariantCulture) + "/profile-displayphoto-shrink_200_200/0?e=1767225600&v=beta";

    private static string Sentence(Random rng, int words)
    {
        var sb = new StringBuilder(words * 9);
        for (var i = 0; i < words; i++)
        {
            if (i > 0) sb.Append(i % 12 == 0 ? ". " : " ");
            var word = Word(rng);
            sb.Append(i % 12 == 0 ? char.ToUpperInvariant(word[0]) + word.Substring(1) : word);
        }

        return sb.Append('.').ToString();
    }

    private static byte[] Write(Action<Utf8JsonWriter> body)
    {
        var buffer = new ArrayBufferWriter<byte>(1024);
        using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            body(writer);
        }

        return buffer.WrittenSpan.ToArray();
    }
}
