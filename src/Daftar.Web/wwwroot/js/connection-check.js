// The connection check: round trips, then a download and an upload of a few MB against Daftar's probe, posted as one result.
(() => {
    const form = document.getElementById("connection-check");
    if (!form) return;
    const base = form.dataset.base;
    const progress = document.getElementById("check-progress");
    const token = form.querySelector('input[name="__RequestVerificationToken"]')?.value ?? "";
    const say = (text) => { progress.textContent = text; };
    const url = (handler, params = {}) => `${base}?${new URLSearchParams({ handler, ...params, t: Date.now() + Math.random() })}`;

    async function roundTrips(samples) {
        const times = [];
        for (let i = 0; i < samples; i++) {
            const start = performance.now();
            const res = await fetch(url("Probe", { bytes: 1 }), { cache: "no-store" });
            await res.arrayBuffer();
            times.push(performance.now() - start);
        }
        times.sort((a, b) => a - b);
        const median = times[Math.floor(times.length / 2)];
        const mean = times.reduce((a, b) => a + b, 0) / times.length;
        const jitter = times.reduce((a, b) => a + Math.abs(b - mean), 0) / times.length;
        return { latency: median, jitter };
    }

    // Grows the transfer until it takes at least a second (or reaches 8 MB), so a fast link is not measured by its first packets.
    async function download() {
        let bytes = 256 * 1024, mbps = 0;
        while (true) {
            const start = performance.now();
            const res = await fetch(url("Probe", { bytes }), { cache: "no-store" });
            const got = (await res.arrayBuffer()).byteLength;
            const seconds = (performance.now() - start) / 1000;
            mbps = (got * 8) / seconds / 1e6;
            if (seconds >= 1 || bytes >= 8 * 1024 * 1024) return mbps;
            bytes = Math.min(bytes * 4, 8 * 1024 * 1024);
        }
    }

    async function upload() {
        let bytes = 128 * 1024, mbps = 0;
        while (true) {
            const body = new Uint8Array(bytes);
            crypto.getRandomValues(body.subarray(0, Math.min(bytes, 65536)));
            const start = performance.now();
            const res = await fetch(url("Probe"), { method: "POST", body, headers: { "X-CSRF-TOKEN": token, "Content-Type": "application/octet-stream" } });
            if (!res.ok) throw new Error(res.statusText);
            const seconds = (performance.now() - start) / 1000;
            mbps = (bytes * 8) / seconds / 1e6;
            if (seconds >= 1 || bytes >= 4 * 1024 * 1024) return mbps;
            bytes = Math.min(bytes * 4, 4 * 1024 * 1024);
        }
    }

    form.addEventListener("submit", async (event) => {
        event.preventDefault();
        const button = document.getElementById("start-check");
        button.disabled = true;
        say(form.dataset.measuring);
        try {
            const samples = 10;
            const { latency, jitter } = await roundTrips(samples);
            const down = await download();
            const up = await upload();
            const res = await fetch(url("Result"), {
                method: "POST",
                headers: { "X-CSRF-TOKEN": token, "Content-Type": "application/json" },
                body: JSON.stringify({ downloadMbps: down, uploadMbps: up, latencyMs: latency, jitterMs: jitter, samples }),
            });
            const answer = await res.json();
            if (!res.ok) throw new Error(answer.error || res.statusText);
            document.getElementById("result-down").textContent = answer.downloadMbps.toFixed(1);
            document.getElementById("result-up").textContent = answer.uploadMbps.toFixed(1);
            document.getElementById("result-latency").textContent = answer.latencyMs.toFixed(0);
            document.getElementById("result-jitter").textContent = answer.jitterMs.toFixed(0);
            document.getElementById("result-verdict").textContent = answer.verdict;
            document.getElementById("check-result").classList.remove("d-none");
            say("");
            window.daftarConnectionCheck = answer;
        } catch (e) {
            say(form.dataset.failed);
        } finally {
            button.disabled = false;
        }
    });
})();
