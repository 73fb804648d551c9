using NSubstitute;
using NSubstitute.ExceptionExtensions;
using Xunit;

namespace PostPress.TestingSample;

/// <summary>
/// Testing with mocks: IPostPressClient and its resources (IUsersResource, IAccountsResource, ILinkedInResource) are
/// interfaces, so any mocking library (NSubstitute here) can stand in for the API without any HTTP.
/// </summary>
public sealed class CandidateImporterMockTests
{
    private readonly IPostPressClient _postPress = Substitute.For<IPostPressClient>();

    [Fact]
    public async Task A_mail_account_is_described_with_its_imap_host()
    {
        // PostPressModelFactory builds any model with the spec's required fields as required parameters.
        var account = PostPressModelFactory.MailAccount(
            id: "acc_1",
            name: "Support",
            createdAt: DateTimeOffset.UtcNow,
            groups: new List<string>(),
            sources: new List<AccountSource>(),
            connectionParams: PostPressModelFactory.ImapSmtpConnectionParams(
                PostPressModelFactory.ImapSmtpMailParams("imap.example.com", 993, "support", "smtp.example.com", 465, "support")));
        _postPress.Accounts.GetAsync("acc_1", Arg.Any<CancellationToken>()).Returns(account);

        Assert.Equal("mailbox Support on imap.example.com", await new CandidateImporter(_postPress).DescribeAccountAsync("acc_1"));
    }

    [Fact]
    public async Task A_not_found_account_is_described()
    {
        var notFound = new NotFoundException(new PostPressErrorDetails(404, ErrorType.ResourceNotFound, "Not Found", null, "req_1", string.Empty, null, null));
        _postPress.Accounts.GetAsync("acc_x", Arg.Any<CancellationToken>()).ThrowsAsync(notFound);

        Assert.Equal("no account acc_x", await new CandidateImporter(_postPress).DescribeAccountAsync("acc_x"));
    }

    [Fact]
    public async Task An_account_type_newer_than_the_sdk_is_described()
    {
        _postPress.Accounts.GetAsync("acc_2", Arg.Any<CancellationToken>()).Returns(new UnknownAccount { Type = "FAX", Name = "Fax" });

        Assert.Equal("an account of a newer type (FAX)", await new CandidateImporter(_postPress).DescribeAccountAsync("acc_2"));
    }

    [Fact]
    public async Task A_call_with_per_call_options_is_mocked_through_its_overload()
    {
        // The code under test calls the overload with PostPressRequestOptions: set up that overload (the one without
        // options is another member and is not called).
        _postPress.Accounts.GetAsync("acc_4", Arg.Is<PostPressRequestOptions?>(o => o != null && o.MaxRetries == 0), Arg.Any<CancellationToken>())
            .Returns(new UnknownAccount { Type = "FAX", Name = "Fax" });

        Assert.True(await new CandidateImporter(_postPress).AccountExistsAsync("acc_4", "corr-1"));
        await _postPress.Accounts.Received(1).GetAsync("acc_4", Arg.Is<PostPressRequestOptions?>(o => o!.Headers.Single().Value == "corr-1"), Arg.Any<CancellationToken>());
        await _postPress.Accounts.DidNotReceive().GetAsync(Arg.Any<string>(), Arg.Any<CancellationToken>());
    }
}
