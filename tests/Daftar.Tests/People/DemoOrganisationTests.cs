using Daftar.Data;
using Daftar.People;
using Daftar.Tests.Infrastructure;
using Daftar.Web.Features.Demo;
using Daftar.Web.Features.People;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace Daftar.Tests.People;

public class DemoOrganisationTests(DaftarFactory app) : IClassFixture<DaftarFactory>
{
    [Fact]
    public async Task Demo_HasTheRequiredDepartmentsAndAboutSixtyEmployeesWithAccounts()
    {
        await app.WithDbAsync(async db =>
        {
            var departments = await db.Departments.Select(d => d.Code).ToListAsync();
            Assert.Superset(new HashSet<string> { "GAD", "DOIT", "HOME", "RDPR", "REV", "MH" }, departments.ToHashSet());
            var employees = await db.Employees.CountAsync();
            Assert.InRange(employees, 55, 80);
            Assert.Equal(employees, await db.Users.CountAsync(u => u.EmployeeId != null));
            Assert.All(await db.Employees.ToListAsync(), e =>
            {
                Assert.Matches(@"\p{IsDevanagari}", e.NameHi);
                Assert.Matches("[A-Za-z]", e.NameEn);
            });
            var admins = await db.UserRoles.Join(db.Roles.Where(r => r.Name == "Administrator"), ur => ur.RoleId, r => r.Id, (ur, _) => ur.UserId).CountAsync();
            Assert.Equal(1, admins);
        });
    }

    [Fact]
    public async Task Demo_PoliceChainRunsFromHeadquartersToFourPoliceStations()
    {
        await app.WithDbAsync(async db =>
        {
            var offices = await db.Offices.ToListAsync();
            Office Of(string code) => offices.Single(o => o.Code == code);
            Assert.Equal(Of("PHQ").Id, Of("RANGE-JPR").ParentId);
            Assert.Equal(Of("RANGE-JPR").Id, Of("DP-JPR-RURAL").ParentId);
            var circles = offices.Where(o => o.ParentId == Of("DP-JPR-RURAL").Id).ToList();
            Assert.Equal(2, circles.Count);
            Assert.All(circles, c => Assert.Equal(OfficeType.PoliceCircle, c.Type));
            var stations = offices.Where(o => circles.Any(c => c.Id == o.ParentId)).ToList();
            Assert.Equal(4, stations.Count);
            Assert.All(stations, s => Assert.Equal(OfficeType.PoliceStation, s.Type));
            Assert.Equal(4, offices.Count(o => o.Type == OfficeType.GramPanchayat));
            Assert.Equal(2, offices.Count(o => o.Type == OfficeType.SubDivision && o.ParentId == Of("DIST-JPR").Id));
            Assert.Equal(2, offices.Count(o => o.Type == OfficeType.Block));
        });
    }

    [Fact]
    public async Task Demo_VacantPostIsHeldAsAdditionalChargeAndEveryReportingLineEndsAtTheTop()
    {
        await app.WithDbAsync(async db =>
        {
            var sdoChaksu = await db.Posts.Include(p => p.Assignments).ThenInclude(a => a.Employee).SingleAsync(p => p.Code == "SDO-CHAKSU");
            var charge = Assert.Single(sdoChaksu.Assignments);
            Assert.Equal(ChargeKind.AdditionalCharge, charge.Kind);
            Assert.Equal(Demo.SdoSanganer, charge.Employee.Code);

            var posts = await db.Posts.ToDictionaryAsync(p => p.Id);
            foreach (var post in posts.Values)
            {
                var hops = 0;
                for (var p = post; p.ReportsToId is not null; p = posts[p.ReportsToId.Value]) Assert.True(++hops < 20, $"{post.Code} loops");
            }
            Assert.Contains(posts.Values, p => p.Code == "CS" && p.ReportsToId is null);
            Assert.Contains(posts.Values, p => p.Code.StartsWith("GVA-"));
            Assert.Contains(posts.Values, p => p.Code.StartsWith("PATWARI-"));
            Assert.Contains(posts.Values, p => p.Code.StartsWith("SHO-"));
        });
    }

    [Fact]
    public async Task Seed_RunAgain_ChangesNothing()
    {
        var before = await app.WithDbAsync(db => db.Employees.CountAsync());
        var outcome = await app.WithDbAsync(db => new DemoOrganisation(db, new PasswordHasher<Daftar.Accounts.Account>(), TimeProvider.System).SeedAsync());
        Assert.False(outcome.Seeded);
        Assert.Equal(before, await app.WithDbAsync(db => db.Employees.CountAsync()));
    }
}

public class DemoFilesTests(DaftarFactory app) : IClassFixture<DaftarFactory>
{
    [Fact]
    public async Task Demo_HasHundredsOfFilesInEveryState_WithHindiAndEnglishNotes()
    {
        await app.WithDbAsync(async db =>
        {
            var files = await db.Files.Include(f => f.Movements).Include(f => f.Notes).ToListAsync();
            Assert.InRange(files.Count, 200, 1000);
            Assert.All(files, f => Assert.Equal(f.Movements.Count, f.MovementCount));
            Assert.Contains(files, f => f.Status == Daftar.Files.FileStatus.Parked);
            Assert.Contains(files, f => f.Status == Daftar.Files.FileStatus.Closed);
            Assert.Contains(files, f => f.Grading == Daftar.Files.Grading.Confidential);
            Assert.Contains(files, f => f.LastArrival is { OpenedAt: null });
            Assert.Contains(files, f => f.LastArrival is { OpenedAt: not null });
            Assert.Contains(files, f => f.LastArrival is { DueOn: { } due } && due < DateOnly.FromDateTime(DateTime.UtcNow));
            var notes = files.SelectMany(f => f.Notes).ToList();
            Assert.Contains(notes, n => System.Text.RegularExpressions.Regex.IsMatch(n.Text, @"\p{IsDevanagari}"));
            Assert.Contains(notes, n => n.Text.StartsWith("The proposal"));
            Assert.All(notes, n => Assert.True(n.IsConfirmed));

            // The invariants Daftar keeps: unique numbers, the holder is where the last move put it, counters ahead of every number.
            Assert.Equal(files.Count, files.Select(f => f.FileNumber).Distinct().Count());
            Assert.Equal(files.Count, files.Select(f => f.ComputerNumber).Distinct().Count());
            foreach (var f in files.Where(f => f.LastArrival is not null)) Assert.Equal(f.LastArrival!.ToPostId, f.HolderPostId);
            var next = await db.NumberSequences.SingleAsync(s => s.Key == "computer-number");
            Assert.Equal(files.Max(f => f.ComputerNumber) + 1, next.Next);

            var receipts = await db.Receipts.Include(r => r.Movements).ToListAsync();
            Assert.InRange(receipts.Count, 50, 400);
            Assert.Contains(receipts, r => r.Status == Daftar.Files.ReceiptStatus.Open && r.HolderPostId == r.DiarisedByPostId);
            Assert.Contains(receipts, r => r.HolderPostId != r.DiarisedByPostId);
            Assert.Contains(receipts, r => r.Status == Daftar.Files.ReceiptStatus.Closed);
            Assert.Equal(receipts.Count, receipts.Select(r => r.DiaryNumber).Distinct().Count());
        });
    }

    [Fact]
    public async Task Demo_SectionOfficer_SeesANewAndOpenedInbox()
    {
        var api = await app.ApiClientAsync(Demo.SectionOfficer);
        var inbox = await System.Net.Http.Json.HttpClientJsonExtensions.GetFromJsonAsync<Daftar.Web.Features.Files.Inbox>(api, "/api/inbox?tab=opened",
            new System.Text.Json.JsonSerializerOptions(System.Text.Json.JsonSerializerDefaults.Web) { Converters = { new System.Text.Json.Serialization.JsonStringEnumConverter() } });
        Assert.True(inbox!.Counts.New + inbox.Counts.Opened > 0);
        Assert.True(inbox.Counts.Created + inbox.Counts.Sent > 0 || inbox.Rows.Count > 0);
    }
}
