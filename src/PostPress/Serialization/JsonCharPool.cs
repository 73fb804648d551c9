using Newtonsoft.Json;

namespace PostPress;

/// <summary>Json.NET's char buffers from the shared pool.</summary>
internal sealed class JsonCharPool : IArrayPool<char>
{
    public static readonly JsonCharPool Instance = new();

    public char[] Rent(int minimumLength) => System.Buffers.ArrayPool<char>.Shared.Rent(minimumLength);

    public void Return(char[]? array)
    {
        if (array is not null)
        {
            System.Buffers.ArrayPool<char>.Shared.Return(array);
        }
    }
}
