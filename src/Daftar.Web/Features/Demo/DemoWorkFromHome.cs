using Daftar.Data;
using Daftar.WorkFromHome;
using Microsoft.EntityFrameworkCore;
using F = Daftar.WorkFromHome.TaskFact;
using T = Daftar.People.OfficeType;

namespace Daftar.Web.Features.Demo;

/// <summary>
/// The demo organisation's work-from-home catalogue (issue #32 item 1): the tasks of its six departments with the facts
/// that decide where they can be done, mapped to the designations that perform them; the first assessment rules; orders
/// for the Collectorate and the IT department's secretariat office; the national holidays.
/// </summary>
public sealed class DemoWorkFromHome(DaftarDb db)
{
    private static readonly (string Desig, T Type)[] SecretariatStaff =
        [("LDC", T.Secretariat), ("ASO", T.Secretariat), ("SO", T.Secretariat), ("DS", T.Secretariat), ("JS", T.Secretariat)];
    private static readonly (string Desig, T Type)[] SecretariatOfficers = [("SO", T.Secretariat), ("DS", T.Secretariat), ("JS", T.Secretariat), ("PS", T.Secretariat), ("ACS", T.Secretariat)];

    // Department, code, English, Hindi, sections, facts, what the facts mean, who performs it.
    private static readonly (string Dept, string Code, string En, string Hi, string Sections, F Facts, string? Note, (string Desig, T Type)[] By)[] Tasks =
    [
        ("REV", "MUTATION", "Mutation cases", "नामांतरण प्रकरण", "LR", F.PhysicalRecords | F.PublicDealing, "The jamabandi register of the tehsil is not digitised.", [("TEH", T.SubDivision), ("PATWARI", T.SubDivision), ("UDC", T.District)]),
        ("REV", "LR-COPIES", "Certified copies of land records", "भू-अभिलेख की प्रमाणित प्रतिलिपियाँ", "LR", F.PublicDealing | F.OnEFile, "Copies are issued at the counter from the online record.", [("UDC", T.District), ("PATWARI", T.SubDivision)]),
        ("REV", "REV-COURT", "Revenue court hearings", "राजस्व न्यायालय सुनवाई", "", F.PublicDealing | F.OnEFile, "The court sits three days a week; parties appear in person.", [("SDO", T.SubDivision), ("TEH", T.SubDivision), ("ADM", T.District), ("COLL", T.District)]),
        ("REV", "GIRDAWARI", "Crop inspection (girdawari)", "गिरदावरी", "", F.FieldVisits | F.OnEFile, null, [("PATWARI", T.SubDivision)]),
        ("REV", "STAMPS", "Stamp duty and registration", "स्टाम्प शुल्क एवं पंजीयन", "", F.PublicDealing | F.SpecialEquipment, "Registration needs the biometric device and the sub-registrar's terminal.", [("TEH", T.SubDivision)]),
        ("REV", "RELIEF", "Disaster relief", "आपदा राहत", "GEN", F.FieldVisits | F.OnEFile, null, [("ADM", T.District), ("SDO", T.SubDivision), ("TEH", T.SubDivision)]),
        ("REV", "ESTAB", "Collectorate establishment", "कलेक्ट्रेट स्थापना", "GEN", F.OnEFile, null, [("UDC", T.District), ("LDC", T.District)]),
        ("REV", "TREASURY", "Passing bills at the treasury", "कोषागार में बिल पारित करना", "GEN", F.OfficeNetwork | F.OnEFile, "The treasury terminal works only on the office network.", [("LDC", T.District)]),
        ("REV", "REV-NOTING", "File noting and drafting", "नोटिंग एवं प्रारूपण", "", F.OnEFile, null, SecretariatStaff),
        ("REV", "REV-POLICY", "Revenue policy and assembly questions", "राजस्व नीति एवं विधानसभा प्रश्न", "", F.OnEFile, null, SecretariatOfficers),
        ("REV", "DIST-REVIEW", "District review meetings", "जिला समीक्षा बैठकें", "", F.OnEFile, "Held by video conference.", [("COLL", T.District), ("DIVCOM", T.Division)]),

        ("HOME", "FIR", "FIR registration", "प्रथम सूचना रिपोर्ट (एफआईआर) दर्ज करना", "", F.PhysicalPresence | F.PublicDealing | F.OfficeNetwork, "Complainants come to the station; CCTNS runs on the police network.", [("SHO", T.PoliceStation)]),
        ("HOME", "INVESTIGATION", "Investigation of cases", "प्रकरणों का अनुसंधान", "", F.FieldVisits | F.PhysicalPresence, null, [("SHO", T.PoliceStation), ("CO", T.PoliceCircle)]),
        ("HOME", "ROZNAMCHA", "Station diary (roznamcha)", "रोजनामचा", "", F.PhysicalRecords | F.PhysicalPresence, "The station diary is a bound register kept at the station.", [("SHO", T.PoliceStation)]),
        ("HOME", "MALKHANA", "Property room (malkhana)", "मालखाना", "", F.PhysicalPresence | F.PhysicalRecords, null, [("SHO", T.PoliceStation)]),
        ("HOME", "PASSPORT", "Passport verification", "पासपोर्ट सत्यापन", "", F.FieldVisits | F.OnEFile, null, [("SHO", T.PoliceStation)]),
        ("HOME", "LAW-ORDER", "Law and order duty", "कानून व्यवस्था ड्यूटी", "", F.FieldVisits | F.PhysicalPresence, null, [("CO", T.PoliceCircle), ("SP", T.DistrictPolice)]),
        ("HOME", "CRIME-REVIEW", "Crime review", "अपराध समीक्षा", "", F.OnEFile, null, [("SP", T.DistrictPolice), ("IGP", T.PoliceRange), ("DGP", T.PoliceHeadquarters)]),
        ("HOME", "INTEL", "Intelligence reports", "आसूचना प्रतिवेदन", "", F.ClassifiedData, "Secret reports do not leave the office.", [("SP", T.DistrictPolice), ("IGP", T.PoliceRange)]),
        ("HOME", "HOME-NOTING", "File noting and drafting", "नोटिंग एवं प्रारूपण", "", F.OnEFile, null, SecretariatStaff),
        ("HOME", "TRANSFERS", "Police transfers and postings", "पुलिस स्थानांतरण एवं पदस्थापन", "", F.OnEFile, null, SecretariatOfficers),
        ("HOME", "ARMS-APPEALS", "Arms licence appeals", "शस्त्र अनुज्ञा अपील", "", F.PhysicalRecords | F.OnEFile, "Old licence registers are on paper.", [("SO", T.Secretariat), ("ASO", T.Secretariat)]),

        ("RDPR", "SANCTIONS", "Scheme sanctions", "योजना स्वीकृतियाँ", "", F.OnEFile, null, [("BDO", T.Block), ("SO", T.Secretariat), ("DS", T.Secretariat)]),
        ("RDPR", "WORKS-INSPECTION", "Field inspection of works", "कार्यों का क्षेत्रीय निरीक्षण", "", F.FieldVisits | F.OnEFile, null, [("BDO", T.Block), ("GVA", T.GramPanchayat)]),
        ("RDPR", "MUSTER", "MGNREGA muster rolls", "मनरेगा मस्टर रोल", "", F.PhysicalRecords | F.FieldVisits, "Muster rolls are signed on paper at the worksite.", [("GVA", T.GramPanchayat)]),
        ("RDPR", "GRAM-SABHA", "Gram sabha meetings", "ग्राम सभा बैठकें", "", F.PhysicalPresence | F.PublicDealing, null, [("GVA", T.GramPanchayat)]),
        ("RDPR", "BENEFICIARY", "Beneficiary verification", "लाभार्थी सत्यापन", "", F.FieldVisits | F.OnEFile, null, [("GVA", T.GramPanchayat)]),
        ("RDPR", "PRI-ACCOUNTS", "Panchayat accounts (e-PRI)", "पंचायत लेखे (ई-पीआरआई)", "", F.OnEFile, null, [("GVA", T.GramPanchayat), ("BDO", T.Block)]),
        ("RDPR", "CERTIFICATES", "Certificates at the panchayat counter", "पंचायत काउंटर पर प्रमाण-पत्र", "", F.PublicDealing | F.OnEFile, null, [("GVA", T.GramPanchayat)]),
        ("RDPR", "RDPR-NOTING", "File noting and drafting", "नोटिंग एवं प्रारूपण", "", F.OnEFile, null, SecretariatStaff),

        ("DOIT", "DATA-CENTRE", "State data centre operations", "राज्य डाटा सेंटर संचालन", "EGOV", F.SpecialEquipment | F.OfficeNetwork, "The consoles are only inside the data centre.", [("PROG", T.Secretariat)]),
        ("DOIT", "SOFTWARE", "Software development", "सॉफ्टवेयर विकास", "EGOV", F.OnEFile, null, [("PROG", T.Secretariat), ("ITNO", T.Secretariat)]),
        ("DOIT", "SWAN", "State network (RajSWAN) upkeep", "राज्य नेटवर्क (राजस्वान) रखरखाव", "EGOV", F.FieldVisits | F.SpecialEquipment, null, [("ITNO", T.Secretariat)]),
        ("DOIT", "EMITRA", "e-Mitra kiosk monitoring", "ई-मित्र कियोस्क निगरानी", "GR-1", F.OnEFile, null, [("ASO", T.Secretariat), ("LDC", T.Secretariat)]),
        ("DOIT", "IT-PROCUREMENT", "IT procurement", "आईटी क्रय", "GR-1", F.OnEFile, null, [("SO", T.Secretariat), ("DS", T.Secretariat)]),
        ("DOIT", "DOIT-NOTING", "File noting and drafting", "नोटिंग एवं प्रारूपण", "", F.OnEFile, null, SecretariatStaff),
        ("DOIT", "DOIT-POLICY", "IT policy and assembly questions", "आईटी नीति एवं विधानसभा प्रश्न", "", F.OnEFile, null, SecretariatOfficers),

        ("GAD", "CABINET", "Cabinet papers", "मंत्रिमंडल पत्रावलियाँ", "CAB", F.ClassifiedData | F.PhysicalPresence, "Cabinet papers are kept in the strong room.", [("SO", T.Secretariat)]),
        ("GAD", "PROTOCOL", "Protocol for state functions", "राजकीय समारोहों का प्रोटोकॉल", "GR-1", F.FieldVisits | F.PhysicalPresence, null, [("DS", T.Secretariat)]),
        ("GAD", "ACCOMMODATION", "Government accommodation and vehicles", "राजकीय आवास एवं वाहन", "GR-1", F.PublicDealing | F.OnEFile, null, [("ASO", T.Secretariat), ("LDC", T.Secretariat)]),
        ("GAD", "GAD-NOTING", "File noting and drafting", "नोटिंग एवं प्रारूपण", "", F.OnEFile, null, SecretariatStaff),
        ("GAD", "BUDGET", "Budget and expenditure", "बजट एवं व्यय", "GR-1", F.OnEFile, null, [("SO", T.Secretariat), ("ASO", T.Secretariat)]),

        ("MH", "HOSPITAL-INSPECTION", "Hospital inspection", "चिकित्सालय निरीक्षण", "", F.FieldVisits | F.OnEFile, null, [("CMHO", T.District), ("DIR", T.Directorate)]),
        ("MH", "DRUGS", "Drug procurement", "औषधि क्रय", "", F.OnEFile, null, [("DIR", T.Directorate), ("SO", T.Secretariat)]),
        ("MH", "VACCINATION", "Vaccination programme monitoring", "टीकाकरण कार्यक्रम निगरानी", "", F.OnEFile, null, [("CMHO", T.District)]),
        ("MH", "BIRTH-DEATH", "Birth and death registration", "जन्म एवं मृत्यु पंजीयन", "", F.PublicDealing | F.OnEFile, null, [("LDC", T.District)]),
        ("MH", "MEDICAL-BOARD", "Medical boards", "मेडिकल बोर्ड", "", F.PhysicalPresence, null, [("CMHO", T.District)]),
        ("MH", "MH-NOTING", "File noting and drafting", "नोटिंग एवं प्रारूपण", "", F.OnEFile, null, SecretariatStaff),
    ];

    public async Task SeedAsync(DateTimeOffset now, CancellationToken ct)
    {
        var departments = await db.Departments.ToDictionaryAsync(d => d.Code, d => d.Id, ct);
        var designations = await db.Designations.ToDictionaryAsync(d => d.Code, d => d.Id, ct);
        foreach (var t in Tasks)
        {
            var task = new WorkTask(departments[t.Dept], t.Code, t.En, t.Hi);
            task.Describe(t.En, t.Hi, t.Sections.Split(',', StringSplitOptions.RemoveEmptyEntries), t.Facts, t.Note);
            task.SetPerformers(t.By.Select(b => (designations[b.Desig], b.Type)));
            db.WorkTasks.Add(task);
        }
        var start = OfficeTime.DateOf(now);
        db.AssessmentRules.Add(AssessmentRules.Default(start.AddMonths(-1), now));

        var offices = await db.Offices.ToDictionaryAsync(o => o.Code, o => o.Id, ct);
        var posts = await db.Posts.ToDictionaryAsync(p => p.Code, p => p.Id, ct);
        var collector = new OfficeOrder(offices["DIST-JPR"], "F.1(12)/GAD/WFH/2026", start.AddDays(-7), 60, start.AddDays(-7), null, posts["COLL-JPR"], now);
        collector.SetEssential([posts["COLL-JPR"]]);
        var doit = new OfficeOrder(offices["SECT-DOIT"], "F.3(4)/DoIT/WFH/2026", start.AddDays(-7), 50, start.AddDays(-7), null, posts["JS-DOIT"], now);
        doit.SetEssential([posts["ITNO-DOIT"]]);
        db.OfficeOrders.AddRange(collector, doit);
        var landRecords = await db.Sections.Where(s => s.Code == "LR" && s.Office.Code == "DIST-JPR").Select(s => s.Id).SingleAsync(ct);
        db.SectionPresence.Add(new SectionPresence(landRecords, 1));
        foreach (var year in new[] { start.Year, start.Year + 1 })
        {
            db.Holidays.Add(new Holiday(new DateOnly(year, 1, 26), "Republic Day", "गणतंत्र दिवस", null));
            db.Holidays.Add(new Holiday(new DateOnly(year, 8, 15), "Independence Day", "स्वतंत्रता दिवस", null));
            db.Holidays.Add(new Holiday(new DateOnly(year, 10, 2), "Gandhi Jayanti", "गांधी जयंती", null));
        }
        await db.SaveChangesAsync(ct);
    }
}
