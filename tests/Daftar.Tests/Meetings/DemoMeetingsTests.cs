using System.Net.Http.Json;
using Daftar.Meetings;
using Daftar.Tests.Infrastructure;
using Daftar.Web.Features.Demo;
using Daftar.Web.Features.Meetings;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Daftar.Tests.Meetings;

/// <summary>The demo's meetings (run.sh's first start): a held week of the Collector's daily review shows on the district's dashboard at once.</summary>
public class DemoMeetingsTests(DaftarFactory app) : IClassFixture<DaftarFactory>
{
    [Fact]
    public async Task DemoMeetings_InviteTheDistrictsFieldOfficers_AndFillTheDashboard()
    {
        await using (var scope = app.Services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<DemoMeetings>().SeedAsync(CancellationToken.None);
            await scope.ServiceProvider.GetRequiredService<DemoMeetings>().SeedAsync(CancellationToken.None);   // once only
        }
        var meetings = await app.WithDbAsync(db => db.Meetings.Include(m => m.Invitees).ThenInclude(i => i.Post).Include(m => m.Occurrences).AsSplitQuery().ToListAsync());
        Assert.Equal(3, meetings.Count);
        var daily = meetings.Single(m => m.Title.StartsWith("जिला स्तरीय", StringComparison.Ordinal));
        Assert.Equal(["BDO-CHAKSU", "BDO-SANGANER", "GVA-GONER", "GVA-KOTKHAWDA", "GVA-MUHANA", "GVA-SHIVDASPURA", "SDO-CHAKSU", "SDO-SANGANER"],
            daily.Invitees.Select(i => i.Post!.Code).Order());
        Assert.DoesNotContain(daily.Occurrences, o => o.Day.DayOfWeek == DayOfWeek.Sunday);

        // The Collector opens the district's dashboard: the blocks were invited to the held week; one action item is overdue.
        var collector = await app.ApiClientAsync(Demo.Collector);
        var district = await app.WithDbAsync(db => db.Offices.Where(o => o.Code == "DIST-JPR").Select(o => o.Id).SingleAsync());
        var board = (await collector.GetFromJsonAsync<Dashboard>($"/api/dashboards/reviews?officeId={district}&level=Block"))!;
        Assert.All(board.Rows, r => Assert.True(r.Invitations > 0));
        Assert.Equal(1, board.Rows.Sum(r => r.OverdueActions));
        var minutes = await app.WithDbAsync(db => db.MeetingMinutes.CountAsync());
        Assert.Equal(1, minutes);
    }
}
