using System;
using System.Globalization;
using System.Text;

namespace PostPress.Testing.Internal;

/// <summary>
/// A deterministic pseudo-random source for one generated instance: seeded from the sandbox's seed, the schema and the
/// item's ordinal, so that the same seed gives the same values whatever order requests come in.
/// </summary>
internal sealed class ValueSource
{
    private ulong _state;
    private Persona? _persona;

    public ValueSource(int seed, string scope, int ordinal)
    {
        _state = Hash(seed, scope, ordinal) | 1UL;
        Ordinal = ordinal;
    }

    public int Ordinal { get; }

    /// <summary>The person (and employer) every name-like field of this instance describes.</summary>
    public Persona Persona => _persona ??= new Persona(this);

    /// <summary>A number in [0, max).</summary>
    public int Next(int max)
    {
        // xorshift64*: small, fast, and the same on every runtime.
        _state ^= _state >> 12;
        _state ^= _state << 25;
        _state ^= _state >> 27;
        var value = _state * 2685821657736338717UL;
        return max <= 0 ? 0 : (int)((value >> 33) % (ulong)max);
    }

    public long NextLong(long min, long max)
    {
        var high = (ulong)(uint)Next(int.MaxValue);
        var low = (ulong)(uint)Next(int.MaxValue);
        return min + (long)(((high << 31) | low) % (ulong)Math.Max(1, max - min + 1));
    }

    public T Pick<T>(T[] values) => values[Next(values.Length)];

    public string Chars(string alphabet, int count)
    {
        var builder = new StringBuilder(count);
        for (var i = 0; i < count; i++)
        {
            builder.Append(alphabet[Next(alphabet.Length)]);
        }

        return builder.ToString();
    }

    public string Digits(int count) => (char)('1' + Next(9)) + Chars("0123456789", count - 1);

    private static ulong Hash(int seed, string scope, int ordinal)
    {
        // FNV-1a over the seed, the scope's characters and the ordinal (string.GetHashCode is randomized per process).
        var hash = 14695981039346656037UL;
        void Add(int value)
        {
            for (var i = 0; i < 4; i++)
            {
                hash ^= (byte)(value >> (8 * i));
                hash *= 1099511628211UL;
            }
        }

        Add(seed);
        foreach (var c in scope)
        {
            Add(c);
        }

        Add(ordinal);
        return hash;
    }
}

/// <summary>One made-up person: names, employer, place, handle.</summary>
internal sealed class Persona
{
    public Persona(ValueSource source)
    {
        FirstName = source.Pick(WordLists.FirstNames);
        LastName = source.Pick(WordLists.LastNames);
        Company = source.Pick(WordLists.Companies);
        JobTitle = source.Pick(WordLists.JobTitles);
        City = source.Pick(WordLists.Cities);
        School = source.Pick(WordLists.Schools);
        // The items of a data set (ordinal > 0) get distinct suffixes: ordinal times an odd number is a bijection on 24 bits.
        var mix = source.Next(1 << 24);
        Suffix = (source.Ordinal > 0 ? ((source.Ordinal * 0x9E3779) ^ mix) & 0xFFFFFF : mix).ToString("x6", CultureInfo.InvariantCulture);
        Handle = Slug(FirstName + LastName).Replace("-", string.Empty, StringComparison.Ordinal) + source.Next(100).ToString("00", CultureInfo.InvariantCulture);
    }

    public string FirstName { get; }

    public string LastName { get; }

    public string FullName => FirstName + " " + LastName;

    public string Company { get; }

    public string CompanySlug => Slug(Company);

    public string CompanyDomain => CompanySlug.Replace("-", string.Empty, StringComparison.Ordinal) + ".com";

    public string JobTitle { get; }

    public string City { get; }

    public string School { get; }

    /// <summary>A LinkedIn-style public identifier: <c>jordan-walke-1a2b3c</c>.</summary>
    public string PublicIdentifier => Slug(FullName) + "-" + Suffix;

    /// <summary>A handle without its <c>@</c>: <c>jordanwalke42</c>.</summary>
    public string Handle { get; }

    public string Email => Slug(FirstName).Replace("-", string.Empty, StringComparison.Ordinal) + "." + Slug(LastName).Replace("-", string.Empty, StringComparison.Ordinal) + "@" + CompanyDomain;

    private string Suffix { get; }

    private static string Slug(string text)
    {
        var builder = new StringBuilder(text.Length);
        // Accents dropped (García -> garcia): decomposed, then the combining marks skipped.
        foreach (var c in text.ToLowerInvariant().Normalize(NormalizationForm.FormD))
        {
            if (CharUnicodeInfo.GetUnicodeCategory(c) == UnicodeCategory.NonSpacingMark || c == '\'')
            {
                continue;
            }

            if (c is >= 'a' and <= 'z' or >= '0' and <= '9')
            {
                builder.Append(c);
            }
            else if (builder.Length > 0 && builder[^1] != '-')
            {
                builder.Append('-');
            }
        }

        return builder.ToString().Trim('-');
    }
}

/// <summary>
/// Values that follow a field's name and format: person names, e-mails, URLs, LinkedIn URNs and ids in the API's shapes,
/// recent date-times, phone numbers, titles, companies, places, handles. Null when the name says nothing it knows.
/// </summary>
internal static class RealisticValues
{
    private const string Base64Url = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
    private const string Crockford = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";

    /// <summary>Date-times are within the year before this instant (fixed, so a seed always gives the same dates).</summary>
    private static readonly DateTimeOffset Anchor = new(2026, 5, 1, 9, 0, 0, TimeSpan.Zero);

    public static string? For(string? property, string? format, string pointer, ValueSource source)
    {
        var name = (property ?? string.Empty).ToLowerInvariant();
        var p = source.Persona;
        switch (format)
        {
            case "date-time":
                return DateTime(source);
            case "date":
                return Anchor.AddDays(-source.Next(365)).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
            case "email":
                return p.Email;
            case "uuid":
                return Uuid(source);
            case "uri" or "url" or "uri-reference":
                return Url(name, p, source) ?? "https://www." + p.CompanyDomain + "/";
        }

        if (format is not null)
        {
            return null;
        }

        if (name.EndsWith("_urn", StringComparison.Ordinal) || name == "urn")
        {
            return name switch
            {
                "member_urn" => "urn:li:member:" + source.Digits(9),
                "organization_urn" => "urn:li:organization:" + source.Digits(6),
                "object_urn" => "urn:li:activity:7" + source.Digits(18),
                _ => "urn:li:fsd_profile:" + ProviderId(source),
            };
        }

        if (name.Contains("email", StringComparison.Ordinal) || name is "imap_user" or "smtp_user" or "user_principal_name" or "reply_to")
        {
            return p.Email;
        }

        if (Url(name, p, source) is { } url)
        {
            return url;
        }

        return name switch
        {
            "account_id" => AccountId(source),
            "id" or "provider_id" when pointer.Contains("WhatsApp", StringComparison.Ordinal) => "1415555" + (100 + source.Next(100)).ToString("0000", CultureInfo.InvariantCulture) + "@s.whatsapp.net",
            "public_identifier" or "publicidentifier" or "username" when pointer.Contains("Instagram", StringComparison.Ordinal) => p.Handle,
            "id" when pointer.Contains("Account", StringComparison.Ordinal) => AccountId(source),
            "id" or "provider_id" or "provider_messaging_id" => ProviderId(source),
            "user_id" or "member_id" or "company_id" or "school_id" or "seat_id" or "owner_seat_id" or "contract_id"
                or "hiring_project_id" or "project_id" or "list_id" or "team_id" or "candidate_id" or "premiumid"
                or "premiumcontractid" or "mailbox_id" => source.Digits(9),
            "created_at" or "updated_at" => DateTime(source),
            "first_name" or "given_name" => p.FirstName,
            "last_name" or "surname" => p.LastName,
            "name" or "full_name" or "display_name" => p.FullName,
            "public_identifier" or "publicidentifier" => p.PublicIdentifier,
            "username" or "screen_name" => p.Handle,
            "phone" or "phone_number" or "mobile_phone" => "+1415555" + (100 + source.Next(100)).ToString("0000", CultureInfo.InvariantCulture),
            "headline" => p.JobTitle + " at " + p.Company,
            "job_title" or "occupation" or "position" or "title" => p.JobTitle,
            "company" or "organization" => p.Company,
            "school" => p.School,
            "degree" => source.Pick(WordLists.Degrees),
            "field_of_study" => source.Pick(WordLists.FieldsOfStudy),
            "location" => p.City,
            "address_city" => p.City.Split(',')[0],
            "address_street" => (1 + source.Next(999)).ToString(CultureInfo.InvariantCulture) + " " + source.Pick(WordLists.Streets),
            "address_zipcode" => source.Digits(5),
            "imap_host" => "imap." + p.CompanyDomain,
            "smtp_host" => "smtp." + p.CompanyDomain,
            "host" => "mail." + p.CompanyDomain,
            "language" or "preferred_language" => "English",
            "lang_code" => "en",
            "biography" or "summary" or "description" or "about" => source.Pick(WordLists.Bios),
            "text" or "content" or "message" or "caption" => source.Pick(WordLists.Messages),
            "signature" or "current_signature" => "Best regards,\n" + p.FullName,
            "role" => p.JobTitle,
            "project_name" => source.Pick(WordLists.Projects),
            "password" => "correct-horse-" + source.Chars("abcdefghijkmnpqrstuvwxyz", 8),
            "sync_token" or "cursor" => source.Chars(Base64Url, 24),
            "sim_serial_number" => "89" + source.Digits(18),
            _ => null,
        };
    }

    private static string? Url(string name, Persona p, ValueSource source) => name switch
    {
        "public_profile_url" => "https://www.linkedin.com/in/" + p.PublicIdentifier,
        "company_url" => "https://www.linkedin.com/company/" + p.CompanySlug,
        "school_url" => "https://www.linkedin.com/school/" + p.CompanySlug + "-university",
        "profile_image_url_https" => "https://pbs.twimg.com/profile_images/" + source.Digits(19) + "/photo_400x400.jpg",
        "profile_banner_url" or "background_picture_url" => "https://media.licdn.com/dms/image/v2/D4E16AQ" + source.Chars(Base64Url, 12) + "/profile-displaybackgroundimage-shrink_350_1400/0/",
        _ when name.EndsWith("picture_url", StringComparison.Ordinal) || name.EndsWith("picture_url_large", StringComparison.Ordinal)
            => "https://media.licdn.com/dms/image/v2/D4E03AQ" + source.Chars(Base64Url, 12) + "/profile-displayphoto-shrink_400_400/0/",
        _ when name.EndsWith("url", StringComparison.Ordinal) || name == "website" => "https://www." + p.CompanyDomain + "/",
        _ => null,
    };

    private static string DateTime(ValueSource source) =>
        Anchor.AddSeconds(-source.NextLong(0, 365L * 24 * 3600)).AddMilliseconds(source.Next(1000))
            .ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);

    /// <summary>An account id in the API's shape: <c>acc_</c> and a ULID (<c>acc_01HXYZ4QK3WJ8FN3M6QH7TZ8GR</c>).</summary>
    private static string AccountId(ValueSource source) => "acc_01" + source.Chars(Crockford, 24);

    /// <summary>A LinkedIn provider id: <c>ACoAA</c> and 34 base64url characters.</summary>
    private static string ProviderId(ValueSource source) => "ACoAA" + source.Chars(Base64Url, 34);

    private static string Uuid(ValueSource source)
    {
        var hex = source.Chars("0123456789abcdef", 32).ToCharArray();
        hex[12] = '4';
        hex[16] = "89ab"[source.Next(4)];
        var s = new string(hex);
        return $"{s[..8]}-{s[8..12]}-{s[12..16]}-{s[16..20]}-{s[20..]}";
    }
}

/// <summary>The small word lists the sandbox's generated values come from (made-up people and companies).</summary>
internal static class WordLists
{
    public static readonly string[] FirstNames =
    [
        "Jordan", "Maya", "Lucas", "Amara", "Noah", "Sofia", "Ethan", "Priya", "Liam", "Chloe", "Mateo", "Hana", "Oliver", "Zara",
        "Daniel", "Elena", "Samuel", "Aisha", "Leo", "Ingrid", "Kenji", "Fatima", "Gabriel", "Nora", "Tomás", "Leila", "Isaac", "Mei",
        "Adrian", "Camille", "Omar", "Freya", "Julian", "Yara", "Marcus", "Anouk", "Rafael", "Sienna", "Felix", "Valentina",
    ];

    public static readonly string[] LastNames =
    [
        "Okonkwo", "Okafor", "Bergström", "Nakamura", "Patel", "Moreau", "García", "Schmidt", "Kowalski", "Haddad", "Lindqvist",
        "O'Brien", "Rossi", "Chen", "Dubois", "Novak", "Silva", "Fischer", "Andersen", "Kim", "Mensah", "Ivanova", "Costa", "Weber",
        "Tanaka", "Murphy", "Jansen", "Almeida", "Larsen", "Romero", "Nguyen", "Hughes", "Bianchi", "Sato", "Yilmaz", "Keller",
    ];

    public static readonly string[] Companies =
    [
        "Northwind Analytics", "Brightline Health", "Copperleaf Software", "Harbor & Pine", "Lumen Robotics", "Bluefin Logistics",
        "Atlas Fintech", "Greenfield Energy", "Summit Talent Partners", "Kestrel Security", "Orchard Labs", "Meridian Media",
        "Tidewater Capital", "Quarry Cloud", "Foxglove Biotech", "Redwood Retail Group",
    ];

    public static readonly string[] JobTitles =
    [
        "Senior Software Engineer", "Talent Acquisition Partner", "Head of Growth", "Product Manager", "Data Scientist",
        "Engineering Manager", "Account Executive", "Technical Recruiter", "UX Designer", "Chief Operating Officer",
        "Marketing Director", "Solutions Architect", "Customer Success Lead", "Frontend Developer", "VP of Sales",
    ];

    public static readonly string[] Cities =
    [
        "San Francisco, United States", "Berlin, Germany", "London, United Kingdom", "Paris, France", "Toronto, Canada",
        "Amsterdam, Netherlands", "Singapore, Singapore", "Stockholm, Sweden", "Austin, United States", "Lisbon, Portugal",
        "Sydney, Australia", "Bangalore, India", "Dublin, Ireland", "New York, United States",
    ];

    public static readonly string[] Schools =
    [
        "University of Michigan", "Technical University of Munich", "University of Toronto", "ETH Zürich", "University of Edinburgh",
        "Stanford University", "Delft University of Technology", "National University of Singapore", "Sorbonne University",
    ];

    public static readonly string[] Degrees = ["Bachelor of Science", "Master of Science", "Bachelor of Arts", "MBA", "PhD"];

    public static readonly string[] FieldsOfStudy = ["Computer Science", "Economics", "Mechanical Engineering", "Psychology", "Marketing", "Mathematics"];

    public static readonly string[] Streets = ["Market Street", "Elm Avenue", "Harbour Road", "Linden Lane", "King Street", "Oak Boulevard"];

    public static readonly string[] Projects = ["Q3 backend hiring", "Design team expansion", "EMEA sales leaders", "Data platform roles"];

    public static readonly string[] Bios =
    [
        "Building products people love. Previously at two early-stage startups.",
        "Helping engineering teams hire great people. Open to a chat about your next role.",
        "Data nerd, coffee enthusiast, occasional speaker on distributed systems.",
        "Ten years in B2B sales; I care about long-term customer relationships.",
    ];

    public static readonly string[] Messages =
    [
        "Hi! Thanks for connecting — would you be open to a quick call next week?",
        "Great to meet you at the conference yesterday.",
        "Sounds good, let's talk on Thursday at 3 pm.",
        "I came across your profile and thought you'd be a great fit for a role we're hiring for.",
        "Thanks for the update, I'll take a look and get back to you.",
    ];
}
