using System.Globalization;
using Daftar.Data;
using Daftar.Files;
using Daftar.People;
using Microsoft.EntityFrameworkCore;

namespace Daftar.Web.Features.Demo;

/// <summary>
/// Files for the demo office, so a new user sees a living office: a couple of hundred files in every state (new,
/// opened, sent on, parked, closed, overdue) and receipts, with notes in Hindi and English, moved up and down real reporting
/// lines over the last weeks. Deterministic, so every demo looks the same.
/// </summary>
public sealed class DemoFiles(DaftarDb db)
{
    private static readonly (string En, string Hi)[] Subjects =
    [
        ("Procurement of laptops for officers working from home", "घर से कार्य करने वाले अधिकारियों हेतु लैपटॉप क्रय"),
        ("Broadband reimbursement for field staff", "क्षेत्रीय कार्मिकों को ब्रॉडबैंड प्रतिपूर्ति"),
        ("Training of clerks on e-File", "ई-फ़ाइल पर लिपिकों का प्रशिक्षण"),
        ("Review meeting on pending pension cases", "लंबित पेंशन प्रकरणों पर समीक्षा बैठक"),
        ("Repair of gram panchayat building", "ग्राम पंचायत भवन की मरम्मत"),
        ("Digital signature certificates for section officers", "अनुभागाधिकारियों हेतु डिजिटल हस्ताक्षर प्रमाणपत्र"),
        ("Roster for office attendance during the lockdown", "लॉकडाउन के दौरान कार्यालय उपस्थिति रोस्टर"),
        ("Land records mutation dispute", "भू-अभिलेख नामांतरण विवाद"),
        ("Beat patrolling plan for the festival season", "त्योहारों के दौरान बीट गश्त योजना"),
        ("Supply of medicines to primary health centres", "प्राथमिक स्वास्थ्य केंद्रों को दवाइयों की आपूर्ति"),
        ("Annual property returns of officers", "अधिकारियों के वार्षिक अचल संपत्ति विवरण"),
        ("Video conference equipment for the collectorate", "कलेक्टरेट हेतु वीडियो कॉन्फ्रेंस उपकरण"),
    ];

    private static readonly string[] NotesHi =
    [
        "प्रस्ताव अवलोकनार्थ एवं आदेशार्थ प्रस्तुत है।",
        "कृपया पूर्व पृष्ठ पर अंकित टिप्पणी का अवलोकन करें। वित्तीय सहमति हेतु प्रकरण प्रस्तुत है।",
        "चर्चा अनुसार कार्यवाही की जाए।",
        "अनुमोदित। आगामी कार्यवाही हेतु संबंधित अनुभाग को भेजा जाए।",
    ];

    private static readonly string[] NotesEn =
    [
        "The proposal is submitted for perusal and orders.",
        "Budget provision is available under the head. Submitted for approval.",
        "Discussed. Please process as proposed.",
        "Approved. Issue orders.",
    ];

    public async Task<int> SeedAsync(DateTimeOffset now, CancellationToken ct)
    {
        if (await db.Files.AnyAsync(ct)) return 0;
        var today = OfficeTime.DateOf(now);
        var posts = await db.Posts.Include(p => p.Section).Include(p => p.Office).ThenInclude(o => o.Department).ToListAsync(ct);
        var holders = await db.PostAssignments.Include(a => a.Employee).Where(a => a.To == null).ToListAsync(ct);
        var heads = await db.FileHeads.ToListAsync(ct);
        Employee? HolderOf(Post p) => holders.Where(a => a.PostId == p.Id).OrderBy(a => a.Kind).Select(a => a.Employee).FirstOrDefault();
        var byId = posts.ToDictionary(p => p.Id);

        var creators = posts.Where(p => p.Section is not null && p.Level >= 7 && HolderOf(p) is not null).OrderBy(p => p.Code).ToList();
        var random = new Random(2020);
        var serials = new Dictionary<string, long>();
        long computer = 0;
        var year = now.Year.ToString(CultureInfo.InvariantCulture);
        var files = 0;

        foreach (var creator in creators)
        {
            var department = creator.Office.Department;
            var departmentHeads = heads.Where(h => h.DepartmentId == department.Id).ToList();
            for (var i = 0; i < 16; i++)
            {
                var head = departmentHeads[random.Next(departmentHeads.Count)];
                var key = $"file/{department.Code}/{head.Number}/{creator.Section!.Code}/{year}";
                serials[key] = serials.GetValueOrDefault(key) + 1;
                var hindi = random.Next(2) == 0;
                var subject = Subjects[random.Next(Subjects.Length)];
                var started = now.AddDays(-random.Next(3, 40)).AddMinutes(-random.Next(600));
                var file = new EFile(++computer, string.Create(CultureInfo.InvariantCulture, $"F.{head.Number}({serials[key]})/{department.FileHead}/{creator.Section.Code}/{year}"),
                    hindi ? subject.Hi : subject.En, null, FileKind.Electronic, random.Next(10) == 0 ? Grading.Confidential : Grading.Normal,
                    RetentionCategory.C, 10, department, creator.Section, creator, HolderOf(creator)!, started);
                db.Files.Add(file);
                files++;

                // Up the reporting line a few steps, noting at each desk; some come back down.
                var at = started;
                var current = creator;
                var hops = random.Next(0, 5);
                for (var hop = 0; hop < hops; hop++)
                {
                    var next = current.ReportsToId is { } up && random.Next(4) > 0 ? byId[up] : creator;
                    if (next.Id == current.Id || HolderOf(next) is null) break;
                    var by = HolderOf(current)!;
                    var notes = hindi ? NotesHi : NotesEn;
                    at = at.AddHours(random.Next(2, 30));
                    file.SaveDraftNote(current, by, notes[Math.Min(hop, notes.Length - 1)], $"<p>{notes[Math.Min(hop, notes.Length - 1)]}</p>", at, out _);
                    var due = random.Next(3) == 0 ? today.AddDays(random.Next(-6, 10)) : (DateOnly?)null;
                    file.SendTo(current, next, by, hop == 0 ? (hindi ? "कृपया देखें" : "For perusal") : null,
                        (Priority)random.Next(1, 4), due, at);
                    current = next;
                    // Most desks have opened what reached them; the newest arrivals stay unread.
                    if (hop < hops - 1 || random.Next(3) > 0) file.MarkOpened(current.Id, at.AddMinutes(random.Next(5, 300)));
                }
                var holder = HolderOf(current)!;
                switch (random.Next(10))
                {
                    case 0: file.Park(current, holder, hindi ? "बजट की प्रतीक्षा" : "Awaiting budget", at.AddHours(1)); break;
                    case 1 when current.Id == creator.Id: file.Close(current, holder, hindi ? "कार्य पूर्ण" : "Work completed", at.AddHours(2)); break;
                }
            }
        }
        // Inward dak: receipts waiting with clerks, a few sent on, some put into files, some closed.
        var diary = new Dictionary<string, long>();
        var senders = new[] { ("Collector, Jaipur", "जिला कलेक्टर, जयपुर"), ("Director, RD & PR", "निदेशक, ग्रामीण विकास एवं पंचायती राज"), ("Sarpanch, Gram Panchayat Muhana", "सरपंच, ग्राम पंचायत मुहाना"), ("Secretary, DoIT&C", "शासन सचिव, सूचना प्रौद्योगिकी एवं संचार") };
        foreach (var clerk in creators)
        {
            var department = clerk.Office.Department;
            for (var i = 0; i < 4; i++)
            {
                var hindi = random.Next(2) == 0;
                var received = today.AddDays(-random.Next(0, 20));
                var key = $"diary/{department.Code}/{clerk.Section!.Code}/{received.Year}";
                diary[key] = diary.GetValueOrDefault(key) + 1;
                var sender = senders[random.Next(senders.Length)];
                var subject = Subjects[random.Next(Subjects.Length)];
                var receipt = new Receipt(string.Create(CultureInfo.InvariantCulture, $"{diary[key]}/{received.Year}/{department.Code}-{clerk.Section.Code.Replace("-", "")}"),
                    department, clerk.Section, clerk, HolderOf(clerk)!,
                    new ReceiptParticulars(hindi ? sender.Item2 : sender.Item1, $"{random.Next(100, 999)}/{received.Year}", received.AddDays(-random.Next(1, 6)), received,
                        hindi ? subject.Hi : subject.En, null, (ReceiptMode)random.Next(1, 5), hindi ? "hi" : "en", Grading.Normal, false),
                    now.AddDays(-(today.DayNumber - received.DayNumber)));
                db.Receipts.Add(receipt);
                switch (i)
                {
                    case 1 when clerk.ReportsToId is { } up && HolderOf(byId[up]) is not null:
                        receipt.SendTo(clerk, byId[up], HolderOf(clerk)!, hindi ? "अवलोकनार्थ" : "For perusal", now.AddHours(-random.Next(1, 48)));
                        break;
                    case 2:
                        receipt.Close(clerk);
                        break;
                }
            }
        }

        db.NumberSequences.Add(new NumberSequence("computer-number", computer + 1));
        foreach (var (key, last) in serials) db.NumberSequences.Add(new NumberSequence(key, last + 1));
        foreach (var (key, last) in diary) db.NumberSequences.Add(new NumberSequence(key, last + 1));
        await db.SaveChangesAsync(ct);
        return files;
    }
}
