using System;
using System.Collections.Generic;
using NJ = Newtonsoft.Json;
using SJ = System.Text.Json.Serialization;

// Plain classes for the two hand-written baselines (Newtonsoft.Json and System.Text.Json source generation share them).
// They cover every field of the payloads, typed as the spec types them (int32/int64/bool/date-time/arrays/objects),
// which is what the SDK reads. Property names map by a snake_case naming strategy; the handful of camelCase wire names
// carry an explicit name for both serializers. Enums are read as strings and unions as flat classes (the union of the
// variants' fields), as a hand-written client typically does; see benchmarks/README.md.
namespace PostPress.Benchmarks.Baselines;

#pragma warning disable CS8618 // plain DTOs, filled by the deserializers

public sealed class PlainProfile
{
    public string Object { get; set; }
    public string Provider { get; set; }
    public string ProviderId { get; set; }
    public string PublicIdentifier { get; set; }
    public string? PublicProfileUrl { get; set; }
    public string FirstName { get; set; }
    public string LastName { get; set; }
    public string? Pronoun { get; set; }
    public string Headline { get; set; }
    public string? Summary { get; set; }
    public string? Location { get; set; }
    public List<string> Websites { get; set; }
    public string? ProfilePictureUrl { get; set; }
    public string? ProfilePictureUrlLarge { get; set; }
    public string? BackgroundPictureUrl { get; set; }
    public List<string>? Hashtags { get; set; }
    public PlainContactInfo? ContactInfo { get; set; }
    public PlainBirthdate? Birthdate { get; set; }
    public PlainLocale? PrimaryLocale { get; set; }
    public PlainCreatorWebsite? CreatorWebsite { get; set; }
    public bool? CanSendInmail { get; set; }
    public long? ConnectedAt { get; set; }
    public bool? IsOpenProfile { get; set; }
    public bool? IsPremium { get; set; }
    public bool? IsInfluencer { get; set; }
    public bool? IsCreator { get; set; }
    public bool? IsHiring { get; set; }
    public bool? IsOpenToWork { get; set; }
    public bool? IsSavedLead { get; set; }
    public bool? IsCrmImported { get; set; }
    public bool? IsRelationship { get; set; }
    public bool? IsSelf { get; set; }
    public PlainInvitation? Invitation { get; set; }
    public List<PlainWorkExperience>? WorkExperience { get; set; }
    public int? WorkExperienceTotalCount { get; set; }
    public List<PlainVolunteering>? VolunteeringExperience { get; set; }
    public int? VolunteeringExperienceTotalCount { get; set; }
    public List<PlainEducation>? Education { get; set; }
    public int? EducationTotalCount { get; set; }
    public List<PlainSkill>? Skills { get; set; }
    public int? SkillsTotalCount { get; set; }
    public List<PlainLanguage>? Languages { get; set; }
    public int? LanguagesTotalCount { get; set; }
    public List<PlainCertification>? Certifications { get; set; }
    public int? CertificationsTotalCount { get; set; }
    public List<PlainProject>? Projects { get; set; }
    public int? ProjectsTotalCount { get; set; }
    public PlainRecommendations? Recommendations { get; set; }
    public List<PlainTag>? Tags { get; set; }
    public List<PlainNote>? Notes { get; set; }
    public string? CandidateId { get; set; }
    public List<PlainActivity>? RecruitingActivity { get; set; }
    public List<string>? ThrottledSections { get; set; }
    public long? FollowerCount { get; set; }
    public long? ConnectionsCount { get; set; }
    public long? SharedConnectionsCount { get; set; }
    public string? NetworkDistance { get; set; }
}

public sealed class PlainContactInfo
{
    public List<string>? Emails { get; set; }
    public List<string>? Phones { get; set; }
    public List<string>? Adresses { get; set; }
    public List<PlainSocial>? Socials { get; set; }
}

public sealed class PlainSocial
{
    public string Type { get; set; }
    public string Name { get; set; }
}

public sealed class PlainBirthdate
{
    public int Month { get; set; }
    public int Day { get; set; }
}

public sealed class PlainLocale
{
    public string Country { get; set; }
    public string Language { get; set; }
}

public sealed class PlainCreatorWebsite
{
    public string Url { get; set; }
    public string Description { get; set; }
}

public sealed class PlainInvitation
{
    public string Type { get; set; }
    public string Status { get; set; }
}

public sealed class PlainWorkExperience
{
    public string? Id { get; set; }
    public string Position { get; set; }
    public string Company { get; set; }
    public string? CompanyId { get; set; }
    public string? CompanyUrl { get; set; }
    public string? CompanyPictureUrl { get; set; }
    public List<string>? Industry { get; set; }
    public string? Location { get; set; }
    public string? Description { get; set; }
    public List<string> Skills { get; set; }
    public bool? Current { get; set; }
    public string? Status { get; set; }
    public string Start { get; set; }
    public string? End { get; set; }
}

public sealed class PlainVolunteering
{
    public string Company { get; set; }
    public string Description { get; set; }
    public string Role { get; set; }
    public string Cause { get; set; }
    public string Start { get; set; }
    public string? End { get; set; }
}

public sealed class PlainEducation
{
    public string? Id { get; set; }
    public string School { get; set; }
    public string? SchoolId { get; set; }
    public string? SchoolUrl { get; set; }
    public string? SchoolPictureUrl { get; set; }
    public string? Degree { get; set; }
    public string? Grade { get; set; }
    public string? FieldOfStudy { get; set; }
    public string? Description { get; set; }
    public string? Activities { get; set; }
    public List<string>? Skills { get; set; }
    public string Start { get; set; }
    public string? End { get; set; }
}

public sealed class PlainSkill
{
    public string Name { get; set; }
    public int EndorsementCount { get; set; }
    public long EndorsementId { get; set; }
    public List<string> Insights { get; set; }
    public bool Endorsed { get; set; }
}

public sealed class PlainLanguage
{
    public string Name { get; set; }
    public string? Proficiency { get; set; }
}

public sealed class PlainCertification
{
    public string Name { get; set; }
    public string Organization { get; set; }
    public string? Url { get; set; }
}

public sealed class PlainProject
{
    public string Name { get; set; }
    public string Description { get; set; }
    public List<string> Skills { get; set; }
    public string Start { get; set; }
    public string? End { get; set; }
}

public sealed class PlainRecommendations
{
    public List<PlainRecommendation>? Received { get; set; }
    public int? ReceivedTotalCount { get; set; }
    public List<PlainRecommendation>? Given { get; set; }
    public int? GivenTotalCount { get; set; }
}

public sealed class PlainRecommendation
{
    public string Text { get; set; }
    public string Caption { get; set; }
    public PlainRecommendationActor Actor { get; set; }
}

public sealed class PlainRecommendationActor
{
    public string FirstName { get; set; }
    public string LastName { get; set; }
    public string ProviderId { get; set; }
    public string Headline { get; set; }
    public string PublicIdentifier { get; set; }
    public string PublicProfileUrl { get; set; }
    public string? ProfilePictureUrl { get; set; }
}

public sealed class PlainTag
{
    public string Id { get; set; }
    public string Name { get; set; }
}

public sealed class PlainNote
{
    public string ProjectId { get; set; }
    public string Content { get; set; }
    public long CreatedAt { get; set; }
    public PlainNoteAuthor Author { get; set; }
}

public sealed class PlainNoteAuthor
{
    public string Id { get; set; }
    public string SeatId { get; set; }
    public string FirstName { get; set; }
    public string LastName { get; set; }
    public bool PublicProfileUrl { get; set; }
}

/// <summary>The 6 <c>RecruitingActivity</c> variants, flattened (their fields do not clash).</summary>
public sealed class PlainActivity
{
    public string Event { get; set; }
    public string CreatedAt { get; set; }
    public PlainActor CreatedBy { get; set; }
    public string? UpdatedAt { get; set; }
    public PlainActor? UpdatedBy { get; set; }
    public string? Content { get; set; }
    public string? Status { get; set; }
    public string? ProjectId { get; set; }
    public string? ProjectName { get; set; }
    public string? State { get; set; }
}

public sealed class PlainActor
{
    public string ProviderId { get; set; }
    public string FullName { get; set; }
    public string? PictureUrl { get; set; }
}

/// <summary>The 14 <c>Account</c> variants, flattened.</summary>
public sealed class PlainAccount
{
    public string Object { get; set; }
    public string Id { get; set; }
    public string Name { get; set; }
    public string Type { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public string? CurrentSignature { get; set; }
    public List<PlainSignature>? Signatures { get; set; }
    public List<string> Groups { get; set; }
    public List<PlainSource> Sources { get; set; }
    public PlainConnectionParams ConnectionParams { get; set; }
}

public sealed class PlainSignature
{
    public string Title { get; set; }
    public string Content { get; set; }
}

public sealed class PlainSource
{
    public string Id { get; set; }
    public string Status { get; set; }
}

/// <summary>Every <c>connection_params</c> shape, flattened; <c>calendar</c> is a string or an object.</summary>
public sealed class PlainConnectionParams
{
    public PlainIdentity? Im { get; set; }
    public PlainSimCallLine? Call { get; set; }
    public PlainMail? Mail { get; set; }

    [NJ.JsonConverter(typeof(PlainCalendarNewtonsoftConverter))]
    [SJ.JsonConverter(typeof(PlainCalendarStjConverter))]
    public PlainCalendar? Calendar { get; set; }

    public string? SyncToken { get; set; }
}

/// <summary>SimLine, PhoneNumberIdentity, LinkedInAccountIdentity, SlackIdentity, TelegramIdentity, ProviderIdentity.</summary>
public sealed class PlainIdentity
{
    public string? PhoneNumber { get; set; }
    public string? SimSerialNumber { get; set; }
    public string? Id { get; set; }

    [NJ.JsonProperty("publicIdentifier")]
    [SJ.JsonPropertyName("publicIdentifier")]
    public string? PublicIdentifier { get; set; }

    public string? Username { get; set; }

    [NJ.JsonProperty("premiumId")]
    [SJ.JsonPropertyName("premiumId")]
    public string? PremiumId { get; set; }

    [NJ.JsonProperty("premiumContractId")]
    [SJ.JsonPropertyName("premiumContractId")]
    public string? PremiumContractId { get; set; }

    [NJ.JsonProperty("premiumFeatures")]
    [SJ.JsonPropertyName("premiumFeatures")]
    public List<string>? PremiumFeatures { get; set; }

    public List<PlainOrganization>? Organizations { get; set; }
    public PlainProxy? Proxy { get; set; }
    public string? Url { get; set; }
    public string? User { get; set; }
    public string? UserId { get; set; }
    public string? Team { get; set; }
    public string? TeamId { get; set; }
}

public sealed class PlainSimCallLine
{
    public string PhoneNumber { get; set; }
    public string SimSerialNumber { get; set; }
    public DateTimeOffset? LastFetchedAt { get; set; }
}

/// <summary>ImapSmtpMailParams or ProviderIdentity.</summary>
public sealed class PlainMail
{
    public string? ImapHost { get; set; }
    public int? ImapPort { get; set; }
    public string? ImapUser { get; set; }
    public string? ImapEncryption { get; set; }
    public string? SmtpHost { get; set; }
    public int? SmtpPort { get; set; }
    public string? SmtpUser { get; set; }
    public string? Id { get; set; }
    public string? Username { get; set; }
}

/// <summary>GOOGLE_CALENDAR's calendar name (a string) or an OAuth account's ProviderIdentity (an object).</summary>
public sealed class PlainCalendar
{
    public string? Name { get; set; }
    public string? Id { get; set; }
    public string? Username { get; set; }
}

public sealed class PlainOrganization
{
    public string Name { get; set; }
    public bool MessagingEnabled { get; set; }
    public string OrganizationUrn { get; set; }
    public string MailboxUrn { get; set; }
}

public sealed class PlainProxy
{
    public string Source { get; set; }
    public string Host { get; set; }
    public int Port { get; set; }
    public string? Protocol { get; set; }
    public string? Username { get; set; }
    public string? Password { get; set; }
}

public sealed class PlainRelationsPage
{
    public string Object { get; set; }
    public List<PlainRelation> Items { get; set; }
    public string? Cursor { get; set; }
}

public sealed class PlainRelation
{
    public string Object { get; set; }
    public string FirstName { get; set; }
    public string LastName { get; set; }
    public string Headline { get; set; }
    public string PublicIdentifier { get; set; }
    public string PublicProfileUrl { get; set; }
    public long CreatedAt { get; set; }
    public string MemberId { get; set; }
    public string MemberUrn { get; set; }
    public string ConnectionUrn { get; set; }
    public string? ProfilePictureUrl { get; set; }
}

public sealed class PlainPipelineActionRequest
{
    public string AccountId { get; set; }
    public string Api { get; set; }
    public string Action { get; set; }
    public string HiringProjectId { get; set; }
    public string? Stage { get; set; }
}

public sealed class PlainActionResult
{
    public string Object { get; set; }
    public bool Success { get; set; }
}

#pragma warning restore CS8618
