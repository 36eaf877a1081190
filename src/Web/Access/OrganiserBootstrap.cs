using System.Security.Cryptography;
using Engagement.Access;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Engagement.Web.Operations;

namespace Engagement.Web.Access;

/// <summary>
/// Makes sure someone can become organiser. If Engagement:Organiser:UserName and :Password are set, that
/// account is created on first start; otherwise, while no organiser exists, a one-time setup link is
/// printed. Either way the start-up banner says where the app is and how to sign in.
/// </summary>
public sealed class OrganiserBootstrap(
    IGrainFactory grains,
    IConfiguration configuration,
    IServer server,
    IHostApplicationLifetime lifetime,
    StartupGate gate,
    StartupBanner banner,
    ILogger<OrganiserBootstrap> logger) : BackgroundService
{
    public static string HashToken(string token) => Convert.ToHexString(SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(token)));

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            await Bootstrap(stoppingToken);
        }
        finally
        {
            gate.Open();
        }
    }

    private async Task Bootstrap(CancellationToken stoppingToken)
    {
        // The cluster must be reachable and the server listening before there is anything to print.
        var started = new TaskCompletionSource();
        await using var _ = lifetime.ApplicationStarted.Register(() => started.TrySetResult());
        await started.Task.WaitAsync(stoppingToken);

        var addresses = (server.Features.Get<IServerAddressesFeature>()?.Addresses ?? []).Select(StartupBanner.Openable).ToList();
        // The setup token should not travel over plain HTTP when an HTTPS address is there to carry it.
        var address = addresses.FirstOrDefault(a => a.StartsWith("https:", StringComparison.OrdinalIgnoreCase))
                      ?? addresses.FirstOrDefault() ?? "http://localhost:5000";
        var accounts = grains.GetGrain<IOrganiserAccountsGrain>(0);

        var userName = configuration["Engagement:Organiser:UserName"];
        var password = configuration["Engagement:Organiser:Password"];
        if (!string.IsNullOrWhiteSpace(userName) && !string.IsNullOrEmpty(password)
            && await accounts.CreateFirst(AuthEndpoints.NewAccount(userName, configuration["Engagement:Organiser:DisplayName"] ?? userName, password)))
        {
            logger.LogInformation("Organiser account {UserName} created from configuration", userName);
        }

        string? setupLink = null;
        if (!await accounts.HasAccounts())
        {
            var token = Convert.ToHexString(RandomNumberGenerator.GetBytes(24)).ToLowerInvariant();
            await accounts.AddSetupToken(HashToken(token));
            setupLink = $"{address}/setup.html?token={token}";
        }

        banner.Print(addresses, setupLink);
    }
}
