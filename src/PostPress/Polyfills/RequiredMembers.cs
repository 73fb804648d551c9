// Polyfills for C# 11 'required' members on netstandard2.0 (the generated models use the keyword, see
// build/nswag.json useRequiredKeyword). The compiler matches these attributes by full name; they are internal, so they
// never clash with the BCL's own types on newer frameworks (where they are not compiled at all).
#if !NET7_0_OR_GREATER
namespace System.Runtime.CompilerServices
{
    /// <summary>Marks a type or member as required (C# <c>required</c>).</summary>
    [AttributeUsage(AttributeTargets.Class | AttributeTargets.Struct | AttributeTargets.Field | AttributeTargets.Property, AllowMultiple = false, Inherited = false)]
    internal sealed class RequiredMemberAttribute : Attribute
    {
    }

    /// <summary>Indicates that compiler support for a particular feature is required for the location where this attribute is applied.</summary>
    [AttributeUsage(AttributeTargets.All, AllowMultiple = true, Inherited = false)]
    internal sealed class CompilerFeatureRequiredAttribute : Attribute
    {
        /// <summary>The <see cref="FeatureName"/> used for the ref structs C# feature.</summary>
        public const string RefStructs = nameof(RefStructs);

        /// <summary>The <see cref="FeatureName"/> used for the required members C# feature.</summary>
        public const string RequiredMembers = nameof(RequiredMembers);

        /// <summary>Initializes a new instance of the <see cref="CompilerFeatureRequiredAttribute"/> class.</summary>
        /// <param name="featureName">The name of the required compiler feature.</param>
        public CompilerFeatureRequiredAttribute(string featureName)
        {
            FeatureName = featureName;
        }

        /// <summary>Gets the name of the compiler feature.</summary>
        public string FeatureName { get; }

        /// <summary>Gets or sets a value indicating whether the compiler can choose to allow access to the location where this attribute is applied if it does not understand <see cref="FeatureName"/>.</summary>
        public bool IsOptional { get; set; }
    }
}

namespace System.Diagnostics.CodeAnalysis
{
    /// <summary>Specifies that this constructor sets all required members for the current type.</summary>
    [AttributeUsage(AttributeTargets.Constructor, AllowMultiple = false, Inherited = false)]
    internal sealed class SetsRequiredMembersAttribute : Attribute
    {
    }
}
#endif
