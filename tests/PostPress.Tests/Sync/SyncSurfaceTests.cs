using System;
using System.Linq;
using System.Reflection;
using System.Threading;
using Xunit;

namespace PostPress.Tests.Sync;

/// <summary>
/// Where the synchronous members exist: on the net8.0 asset every async operation has its twins (on the classes and,
/// as default members, on the interfaces); on netstandard2.0 there are none.
/// </summary>
public sealed class SyncSurfaceTests
{
    private static readonly Type[] Interfaces = typeof(IPostPressClient).GetProperties().Select(p => p.PropertyType).Where(t => t.IsInterface).ToArray();

#if POSTPRESS_NETSTANDARD_ASSET
    [Fact]
    public void The_netstandard_asset_has_no_synchronous_members()
    {
        Assert.NotEmpty(Interfaces);
        foreach (var type in Interfaces)
        {
            var asyncNames = type.GetMethods().Select(m => m.Name).Where(n => n.EndsWith("Async", StringComparison.Ordinal)).ToList();
            Assert.NotEmpty(asyncNames);
            Assert.All(type.GetMethods(), m => Assert.EndsWith("Async", m.Name));
        }

        Assert.Null(typeof(PostPressClient).Assembly.GetType("PostPress.PostPressPageable`1"));
    }
#else
    [Fact]
    public void Every_async_operation_has_its_synchronous_twins_with_the_same_parameters()
    {
        Assert.NotEmpty(Interfaces);
        foreach (var type in Interfaces)
        {
            var methods = type.GetMethods();
            foreach (var async in methods.Where(m => m.Name.EndsWith("Async", StringComparison.Ordinal)))
            {
                var name = async.Name.Substring(0, async.Name.Length - "Async".Length);
                var parameters = async.GetParameters().Select(p => p.ParameterType).ToArray();
                var sync = type.GetMethod(name, parameters);
                Assert.True(sync is not null, type.Name + "." + name + "(" + string.Join(", ", parameters.Select(p => p.Name)) + ") is missing");
                Assert.Equal(async.GetParameters().Select(p => (p.Name, p.HasDefaultValue)), sync!.GetParameters().Select(p => (p.Name, p.HasDefaultValue)));
                var expected = async.ReturnType.IsGenericType && async.ReturnType.GetGenericTypeDefinition() == typeof(System.Threading.Tasks.Task<>)
                    ? async.ReturnType.GetGenericArguments()[0]
                    : async.ReturnType.GetGenericTypeDefinition() == typeof(PostPressAsyncPageable<>)
                    ? typeof(PostPressPageable<>).MakeGenericType(async.ReturnType.GetGenericArguments())
                    : null;
                Assert.Equal(expected, sync.ReturnType);
            }
        }
    }

    [Fact]
    public void The_SDK_classes_implement_every_synchronous_member_themselves()
    {
        var client = new PostPressClient(new PostPressClientOptions("pp_test_surface"));
        foreach (var property in typeof(IPostPressClient).GetProperties().Where(p => p.PropertyType.IsInterface))
        {
            var implementation = property.GetValue(client)!.GetType();
            var map = implementation.GetInterfaceMap(property.PropertyType);
            Assert.All(map.TargetMethods, m => Assert.Equal(implementation, m.DeclaringType));
            Assert.All(map.TargetMethods, m => Assert.True(m.IsVirtual && !m.IsFinal, m.Name + " is not overridable (mocks)"));
        }
    }

#if !POSTPRESS_EVOLVED_SPEC
    // Not in tests/evolution's build of this project: the hand-written fake implements exactly today's IAccountsResource,
    // and the evolved spec adds operations to that resource group (which is the point of the evolution run).
    [Fact]
    public void A_hand_written_implementation_still_compiles_and_its_missing_synchronous_member_says_so()
    {
        IAccountsResource fake = new AsyncOnlyAccounts();

        var ex = Assert.Throws<NotSupportedException>(() => fake.Get("acc_1"));

        Assert.Contains(nameof(AsyncOnlyAccounts), ex.Message);
        Assert.Contains("GetAsync", ex.Message);
    }
#endif

    [Fact]
    public void The_synchronous_pageable_can_be_built_from_pages_and_values_for_tests()
    {
        var pages = PostPressPageable<int>.FromPages(new[]
        {
            new PostPressPage<int>(new[] { 1, 2 }, null, "c1"),
            new PostPressPage<int>(new[] { 3 }, "c1", null),
        });

        Assert.Equal(new[] { 1, 2, 3 }, pages.ToArray());
        Assert.Equal(new[] { 3 }, pages.AsPages("c1").SelectMany(p => p.Items).ToArray());
        Assert.Throws<ArgumentException>(() => pages.AsPages("nope").ToList());
        Assert.Equal(new[] { 7, 8 }, PostPressPageable<int>.FromValues(new[] { 7, 8 }).ToArray());
    }

#if !POSTPRESS_EVOLVED_SPEC
    /// <summary>An implementation written before the synchronous members existed: the async ones only.</summary>
    private sealed class AsyncOnlyAccounts : IAccountsResource
    {
        public System.Threading.Tasks.Task<Account> GetAsync(string id, CancellationToken cancellationToken = default) => throw new NotImplementedException();

        public System.Threading.Tasks.Task<PostPressResponse<Account>> GetWithResponseAsync(string id, CancellationToken cancellationToken = default) => throw new NotImplementedException();

        public System.Threading.Tasks.Task<Account> GetAsync(string id, PostPressRequestOptions? requestOptions, CancellationToken cancellationToken = default) => throw new NotImplementedException();

        public System.Threading.Tasks.Task<PostPressResponse<Account>> GetWithResponseAsync(string id, PostPressRequestOptions? requestOptions, CancellationToken cancellationToken = default) => throw new NotImplementedException();
    }
#endif
#endif
}
