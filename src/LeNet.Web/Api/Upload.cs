using Microsoft.AspNetCore.Http;

namespace LeNet.Web.Api;

/// <summary>The image a request carried (its bytes and a display name), or the problem to answer instead.</summary>
internal sealed record Upload(byte[]? Bytes, string Name, IResult? Problem = null)
{
    /// <summary>No image: answer with <paramref name="problem"/>.</summary>
    public static Upload Refused(IResult problem) => new(null, "", problem);
}
