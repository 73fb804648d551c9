using System;

namespace PostPress;

/// <summary>
/// Builds the three documented bodies of <see cref="ILinkedInResource.PerformUserActionAsync(string, PostPress.Models.LinkedInUserActionRequest, System.Threading.CancellationToken)"/>, so that only valid
/// <c>api</c> + <c>action</c> combinations can be expressed:
/// <see cref="AddCandidateToPipeline"/>, <see cref="AddApplicantToPipeline"/>, <see cref="ChangeCandidatePipeline"/>,
/// <see cref="RejectApplicant"/> and <see cref="SaveLead"/>.
/// Each factory checks its arguments and names the one that is wrong (<see cref="ArgumentException"/>); the operation
/// validates the whole body against the spec before anything is sent, as it does for a body built by hand, so the body
/// is not validated twice.
/// </summary>
public static class LinkedInUserAction
{
    /// <summary>Recruiter: adds a candidate to a hiring project's pipeline (<c>addCandidateToPipeline</c>).</summary>
    /// <param name="accountId">The linked LinkedIn Recruiter account.</param>
    /// <param name="hiringProjectId">The hiring project.</param>
    /// <param name="stage">The pipeline stage; the server defaults to <see cref="RecruiterPipelineStage.Uncontacted"/>.</param>
    /// <returns>The request body.</returns>
    public static RecruiterPipelineActionRequest AddCandidateToPipeline(string accountId, string hiringProjectId, RecruiterPipelineStage? stage = null) =>
        Pipeline(LinkedInUserActionRequestAction.AddCandidateToPipeline, accountId, hiringProjectId, stage);

    /// <summary>Recruiter: adds an applicant to a hiring project's pipeline (<c>addApplicantToPipeline</c>).</summary>
    /// <param name="accountId">The linked LinkedIn Recruiter account.</param>
    /// <param name="hiringProjectId">The hiring project.</param>
    /// <param name="stage">The pipeline stage; the server defaults to <see cref="RecruiterPipelineStage.Uncontacted"/>.</param>
    /// <returns>The request body.</returns>
    public static RecruiterPipelineActionRequest AddApplicantToPipeline(string accountId, string hiringProjectId, RecruiterPipelineStage? stage = null) =>
        Pipeline(LinkedInUserActionRequestAction.AddApplicantToPipeline, accountId, hiringProjectId, stage);

    /// <summary>Recruiter: moves a candidate to another pipeline stage (<c>changeCandidatePipeline</c>).</summary>
    /// <param name="accountId">The linked LinkedIn Recruiter account.</param>
    /// <param name="hiringProjectId">The hiring project.</param>
    /// <param name="stage">The pipeline stage; the server defaults to <see cref="RecruiterPipelineStage.Uncontacted"/>.</param>
    /// <returns>The request body.</returns>
    public static RecruiterPipelineActionRequest ChangeCandidatePipeline(string accountId, string hiringProjectId, RecruiterPipelineStage? stage = null) =>
        Pipeline(LinkedInUserActionRequestAction.ChangeCandidatePipeline, accountId, hiringProjectId, stage);

    /// <summary>Recruiter: rejects an applicant (<c>rejectApplicant</c>), silently or with a notification.</summary>
    /// <param name="accountId">The linked LinkedIn Recruiter account.</param>
    /// <param name="hiringProjectId">The hiring project.</param>
    /// <param name="reason">Why the applicant is rejected.</param>
    /// <param name="notificationMessage">The text sent to the applicant; <see langword="null"/> rejects silently.</param>
    /// <param name="sendNotificationAt">When to send the notification; <see langword="null"/> for now.</param>
    /// <returns>The request body.</returns>
    public static RecruiterRejectApplicantRequest RejectApplicant(
        string accountId,
        string hiringProjectId,
        RecruiterRejectionReason reason,
        string? notificationMessage = null,
        DateTimeOffset? sendNotificationAt = null)
    {
        Guard.Id(accountId, nameof(accountId));
        Guard.Id(hiringProjectId, nameof(hiringProjectId));
        Known(reason, nameof(reason));
        if (notificationMessage is not null)
        {
            Guard.Id(notificationMessage, nameof(notificationMessage));
        }

        if (notificationMessage is null && sendNotificationAt is not null)
        {
            throw new ArgumentException("A notification time needs a notification message.", nameof(sendNotificationAt));
        }

        var request = new RecruiterRejectApplicantRequest
        {
            AccountId = accountId,
            HiringProjectId = hiringProjectId,
            Reason = reason,
            RejectionNotification = notificationMessage is null ? null : new RejectionNotification
            {
                Message = notificationMessage,
                SendNotificationAt = sendNotificationAt?.ToUnixTimeMilliseconds(),
            },
        };
        return request;
    }

    /// <summary>Sales Navigator: saves the user as a lead (<c>saveLead</c>), optionally into a list.</summary>
    /// <param name="accountId">The linked LinkedIn Sales Navigator account.</param>
    /// <param name="listId">The Sales Navigator list to save the lead into, or <see langword="null"/>.</param>
    /// <returns>The request body.</returns>
    public static SalesNavigatorSaveLeadRequest SaveLead(string accountId, string? listId = null)
    {
        Guard.Id(accountId, nameof(accountId));
        if (listId is not null)
        {
            Guard.Id(listId, nameof(listId));
        }

        var request = new SalesNavigatorSaveLeadRequest { AccountId = accountId, ListId = listId };
        return request;
    }

    private static RecruiterPipelineActionRequest Pipeline(LinkedInUserActionRequestAction action, string accountId, string hiringProjectId, RecruiterPipelineStage? stage)
    {
        Guard.Id(accountId, nameof(accountId));
        Guard.Id(hiringProjectId, nameof(hiringProjectId));
        if (stage is { } s)
        {
            Known(s, nameof(stage));
        }

        var request = new RecruiterPipelineActionRequest { Action = action, AccountId = accountId, HiringProjectId = hiringProjectId, Stage = stage };
        return request;
    }

    private static void Known(RecruiterPipelineStage value, string name)
    {
        Validate.WellFormed(value.Value, name, name);
        if (!value.IsKnown)
        {
            throw new ArgumentException(name + " has the undocumented value " + Validate.Quote(value.Value) + "; use one of " + string.Join(", ", RecruiterPipelineStage.KnownValues) + ".", name);
        }
    }

    private static void Known(RecruiterRejectionReason value, string name)
    {
        Validate.WellFormed(value.Value, name, name);
        if (!value.IsKnown)
        {
            throw new ArgumentException(name + " has the undocumented value " + Validate.Quote(value.Value) + "; use one of " + string.Join(", ", RecruiterRejectionReason.KnownValues) + ".", name);
        }
    }
}
