// Calls every operation of the API through the packed SDK, in a PublishTrimmed app, against the PostPress sandbox:
// in-process (PostPress.Testing), or an external one: TrimmedApp --base-url <url> --api-key <key>
// (e.g. `dotnet run --project samples/PostPress.Quickstart -- --serve`). Prints "trimmed: OK" when every check passed.
// The checks are tests/consumer/Shared/ConsumerChecks.cs, shared with AotApp.
return await ConsumerChecks.RunAsync(args, "trimmed", detailedErrors: false);
