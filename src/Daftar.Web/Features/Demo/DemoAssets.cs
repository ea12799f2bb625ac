using Daftar.Assets;
using Daftar.Data;
using Daftar.People;
using Microsoft.EntityFrameworkCore;

namespace Daftar.Web.Features.Demo;

/// <summary>
/// The demo organisation's equipment (issue #34): a store keeper in every office (its most junior post; the IT nodal officer
/// in the IT department), about 150 assets across the offices — laptops, desktops, printers, data cards, broadband, signing
/// tokens — some issued and acknowledged, some in store or under repair; requests waiting at each stage; a few connection checks.
/// Everything is made the way the handlers make it, through the entities' own rules.
/// </summary>
public sealed class DemoAssets(DaftarDb db)
{
    private static readonly (AssetKind Kind, string Make, string Model, decimal Cost)[] Catalogue =
    [
        (AssetKind.Laptop, "Dell", "Latitude 3440", 58_500m),
        (AssetKind.Laptop, "Lenovo", "ThinkPad E14", 61_200m),
        (AssetKind.Desktop, "HP", "ProDesk 400 G9", 47_800m),
        (AssetKind.PrinterScanner, "Canon", "imageCLASS MF3010", 14_900m),
        (AssetKind.DataCard, "JioFi", "JMR1140", 1_999m),
        (AssetKind.SigningToken, "ePass", "2003 Auto", 650m),
        (AssetKind.Broadband, "BSNL", "Bharat Fibre 40 Mbit/s", 0m),
        (AssetKind.Tablet, "Samsung", "Galaxy Tab A9", 17_999m),
    ];

    // Test accounts stay as the tests expect them: nothing is issued to them or asked by them here.
    // (Relieving someone who holds equipment is refused, and the tests relieve some of the demo's people.)
    private static readonly HashSet<string> Untouched =
        ["RJ100010", "RJ100011", "RJ100012", "RJ100013", "RJ100014", "RJ100015", "RJ100026", "RJ100027", "RJ100033", "RJ100037", "RJ100040", "RJ100041", "RJ100042", "RJ100050"];

    public async Task SeedAsync(DateTimeOffset now, CancellationToken ct)
    {
        var today = OfficeTime.DateOf(now);
        var offices = await db.Offices.OrderBy(o => o.Code).Select(o => new { o.Id, o.Code }).ToListAsync(ct);
        var posts = await db.Posts.Where(p => p.IsActive).Select(p => new { p.Id, p.Code, p.OfficeId, p.Level, p.ReportsToId }).ToListAsync(ct);
        var holders = await db.PostAssignments.PrimaryOn(today).Select(a => new { a.PostId, a.EmployeeId, a.Employee.Code }).ToListAsync(ct);

        foreach (var office in offices)
        {
            var staff = posts.Where(p => p.OfficeId == office.Id).OrderByDescending(p => p.Level).ThenBy(p => p.Code).ToList();
            if (staff.Count == 0) continue;
            var keeper = office.Code == "SECT-DOIT" ? staff.Single(p => p.Code == "ITNO-DOIT") : staff[0];
            db.AssetKeepers.Add(new AssetKeeper(office.Id, keeper.Id, now));
        }

        var n = 0;
        var assets = new List<(Asset Asset, int OfficeId)>();
        foreach (var office in offices)
        {
            var staff = posts.Where(p => p.OfficeId == office.Id).ToList();
            if (staff.Count == 0) continue;
            // About two pieces a post (a computer and a printer, a data card or a token), at least four an office: ~150 in all.
            var count = Math.Clamp(staff.Count * 2 + 2, 4, 12);
            for (var i = 0; i < count; i++, n++)
            {
                var (kind, make, model, cost) = Catalogue[n % Catalogue.Length];
                var bought = today.AddDays(-90 - (n * 37 % 1400));
                var asset = new Asset(kind, make, model, $"DEMO{n:D5}{(char)('A' + n % 26)}", $"{office.Code}-{n:D4}", office.Id, $"RISL/PO/{2022 + n % 4}/{100 + n}",
                    bought, cost == 0 ? null : cost, bought.AddYears(3), null, now.AddDays(-1));
                db.Assets.Add(asset);
                assets.Add((asset, office.Id));
            }
        }
        await db.SaveChangesAsync(ct);

        // Issue two in three of the laptops, desktops, tablets and data cards to the people of their office; most acknowledged.
        var k = 0;
        foreach (var (asset, officeId) in assets.Where(a => a.Asset.Kind is AssetKind.Laptop or AssetKind.Desktop or AssetKind.Tablet or AssetKind.DataCard))
        {
            var people = holders.Where(h => posts.Any(p => p.Id == h.PostId && p.OfficeId == officeId) && !Untouched.Contains(h.Code))
                .Select(h => h.EmployeeId).Distinct().ToList();
            if (people.Count == 0 || k++ % 3 == 2) continue;   // every third stays in the store
            var person = people[k % people.Count];
            asset.IssueTo(person, null, null, now.AddDays(-20));
            if (k % 4 != 0) asset.Acknowledge(person, null, null, now.AddDays(-19));
        }
        foreach (var (asset, _) in assets.Where(a => a.Asset.Kind == AssetKind.PrinterScanner).Take(2))
            asset.ChangeStatus(AssetStatus.UnderRepair, "Paper feed jams", null, now.AddDays(-5));
        await db.SaveChangesAsync(ct);

        // Requests at each stage, from people of the Collectorate and the sub-divisions.
        var askers = holders.Where(h => !Untouched.Contains(h.Code)).Select(h => (h.EmployeeId, Post: posts.SingleOrDefault(p => p.Id == h.PostId)))
            .Where(x => x.Post is { ReportsToId: not null }).DistinctBy(x => x.EmployeeId).Take(6).ToList();
        var reasons = new[]
        {
            (AssetKind.Laptop, "Works from home 4 days a week; no computer at home."),
            (AssetKind.DataCard, "No broadband in the village; mobile signal is good."),
            (AssetKind.SigningToken, "Needs a USB token for the treasury bills."),
            (AssetKind.Laptop, "The old desktop at home is shared with the children's classes."),
            (AssetKind.Broadband, "Works from home on the roster; wants a fibre connection."),
            (AssetKind.Tablet, "Field inspections; to note files on the way."),
        };
        for (var i = 0; i < askers.Count; i++)
        {
            var (employee, post) = askers[i];
            var request = new EquipmentRequest(employee, post!.Id, post.OfficeId, reasons[i].Item1, reasons[i].Item2, post.ReportsToId, now.AddDays(-3 + i % 3));
            if (i % 3 >= 1) request.DecideAsOfficer(RequestDecision.Approve, "Recommended.", now.AddDays(-2));
            if (i % 3 == 2) request.DecideAsStore(RequestDecision.WaitingList, "Next lot of laptops due this month.", now.AddDays(-1));
            db.EquipmentRequests.Add(request);
        }

        // A few home connections and checks: good, file work only, poor.
        var checks = new[] { (24.5, 8.2, 38.0), (1.1, 0.6, 420.0), (0.4, 0.1, 950.0), (48.0, 20.0, 22.0) };
        foreach (var (h, i) in holders.Where(h => !Untouched.Contains(h.Code)).DistinctBy(h => h.EmployeeId).Take(checks.Length).Select((h, i) => (h, i)))
        {
            var connection = new HomeConnection(h.EmployeeId, now.AddDays(-10));
            connection.Describe(i == 2 ? ConnectionType.MobileData : ConnectionType.Broadband, i == 2 ? "Jio" : "BSNL Bharat Fibre", i == 2 ? null : 40, now.AddDays(-10));
            db.HomeConnections.Add(connection);
            db.ConnectionChecks.Add(new ConnectionCheck(h.EmployeeId, checks[i].Item1, checks[i].Item2, checks[i].Item3, 5, 10, now.AddDays(-2)));
        }
        await db.SaveChangesAsync(ct);
    }
}
