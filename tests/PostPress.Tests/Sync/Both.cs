#if !POSTPRESS_NETSTANDARD_ASSET
using System;
using System.Threading;
using System.Threading.Tasks;
using PostPress.Tests.Transport.Policies;

namespace PostPress.Tests.Sync;

/// <summary>
/// Runs one call on the path a shared test names: the async method as it is, or its synchronous twin on a thread of its
/// own (so a test can move a fake clock or cancel while the synchronous call blocks), its outcome as a task either way.
/// </summary>
internal static class Both
{
    public static Task<T> Call<T>(CallMode mode, Func<Task<T>> async, Func<T> sync)
    {
        if (mode == CallMode.Async)
        {
            return async();
        }

        var done = new TaskCompletionSource<T>(TaskCreationOptions.RunContinuationsAsynchronously);
        var thread = new Thread(() =>
        {
            try
            {
                done.SetResult(sync());
            }
            catch (Exception ex)
            {
                done.SetException(ex);
            }
        })
        {
            IsBackground = true,
            Name = "PostPress sync call",
        };
        thread.Start();
        return done.Task;
    }

    public static Task Call(CallMode mode, Func<Task> async, Action sync) =>
        Call<bool>(mode, async () =>
        {
            await async();
            return true;
        }, () =>
        {
            sync();
            return true;
        });
}
#endif
