using System.Diagnostics;
using System.Globalization;

namespace Daftar.Web.Infrastructure;

/// <summary>
/// Every answer says how long Daftar took to start it (<c>Server-Timing: app;dur=12.3</c>, in milliseconds): a browser's
/// developer tools show it beside the network's time, and the load generator records it beside what the officer
/// waited, so that a slow answer is placed in Daftar or between Daftar and the officer. Off unless Daftar:ServerTiming
/// is true (the benchmark harness turns it on): on the sign-in page the difference between a known and an unknown
/// employee code would be there in plain figures, and a production server has no reason to tell its timings.
/// </summary>
public static class ServerTiming
{
    public const string Header = "Server-Timing";

    public static void UseServerTiming(this WebApplication app)
    {
        if (app.Configuration.GetValue("Daftar:ServerTiming", false)) app.Use(Time);
    }

    private static Task Time(HttpContext ctx, RequestDelegate next)
    {
        var started = Stopwatch.GetTimestamp();
        ctx.Response.OnStarting(() =>
        {
            ctx.Response.Headers[Header] = string.Create(CultureInfo.InvariantCulture, $"app;dur={Stopwatch.GetElapsedTime(started).TotalMilliseconds:0.0}");
            return Task.CompletedTask;
        });
        return next(ctx);
    }
}
