using System.Xml.Linq;
using Engagement.Access;
using Microsoft.AspNetCore.DataProtection.Repositories;

namespace Engagement.Web.Access;

/// <summary>
/// Stores ASP.NET Core's data-protection keys in a grain, so cookies issued by one web host are
/// accepted by every other and survive restarts. The interface is synchronous; it is only called when
/// the key ring is loaded or rotated (at start and about once a day), never per request.
/// </summary>
public sealed class GrainXmlRepository(IGrainFactory grains) : IXmlRepository
{
    private IDataProtectionKeysGrain Keys => grains.GetGrain<IDataProtectionKeysGrain>(0);

    public IReadOnlyCollection<XElement> GetAllElements() =>
        Keys.GetAll().GetAwaiter().GetResult().Select(XElement.Parse).ToList();

    public void StoreElement(XElement element, string friendlyName) =>
        Keys.Add(friendlyName, element.ToString(SaveOptions.DisableFormatting)).GetAwaiter().GetResult();
}
