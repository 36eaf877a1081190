namespace Engagement.Access;

/// <summary>
/// ASP.NET Core's data-protection key ring (it encrypts sign-in cookies), kept in grain storage so
/// that every web host of a cluster shares it and a restart signs nobody out. Key: 0.
/// </summary>
public interface IDataProtectionKeysGrain : IGrainWithIntegerKey
{
    Task<IReadOnlyList<string>> GetAll();
    Task Add(string friendlyName, string xml);
}
