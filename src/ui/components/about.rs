//! About the model: what it models, its simplifications, and sources.

use crate::sim::model::assumptions;
use crate::sim::Params;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct AboutProps {
    /// The run's parameters: the numbers that decide its outcome are listed with their values.
    pub params: Params,
}

#[component]
pub fn About(p: &AboutProps) -> Html {
    html! {
        <details class="panel about" id="about">
            <summary><h2>{"About the model"}</h2></summary>
            <p>{"Cascade Lab re-simulates the whole incident on every change and replays it. Each cluster is a handful of numbers (shares of nodes, API server replicas, clients), stepped every 10 seconds; nothing is one object per node, so 100 and 100,000 agents cost the same."}</p>
            <h3>{"What it models"}</h3>
            <ul>
                <li>{"Agent load: every node LISTs the whole cluster, so a cluster's load grows with nodes². Staging-sized clusters never notice."}</li>
                <li>{"API servers as kube-apiserver is: API Priority and Fairness's seats bound how many requests run at once (429s past them, and clients retry), CPU cores how fast they run (every request slows when they are busy; past 60 s a request times out while the server keeps working), and memory is what fails: each LIST in flight holds about five times its response, from etcd or the watch cache alike, and past the limit a replica is OOM-killed, restarts after a minute and a refill, and its clients' watches break."}</li>
                <li>{"Clients: the agent's calls, and the cluster's own informers (kubelets, kube-proxy, CNI, CoreDNS, controllers) that relist when their watches break or expire: a relist storm is their LISTs."}</li>
                <li>{"DNS: CoreDNS keeps serving its last view until its pods restart (about every 3 minutes without the API); client caches expire evenly over the TTL, so errors ramp over the TTL."}</li>
                <li>{"People: alerts after a minute of saturation, diagnosis in three; admin writes need an API server that stays up long enough to answer (break-glass: one exempt request); crews shed load, delete the agent and readmit traffic one cluster at a time."}</li>
            </ul>
            <h3>{"The numbers that decide the outcome"}</h3>
            <table class="assumptions">
                <thead><tr><th scope="col">{"What"}</th><th scope="col">{"In this run"}</th><th scope="col">{"From"}</th></tr></thead>
                <tbody>
                    { for assumptions(&p.params).into_iter().map(|a| html! {
                        <tr>
                            <th scope="row">{a.what}{ a.key.map(|k| html! { <code class="muted">{format!(" {k}")}</code> }).unwrap_or_default() }</th>
                            <td>{a.value}</td>
                            <td>{a.source}</td>
                        </tr>
                    }) }
                </tbody>
            </table>
            <h3>{"Simplifications, honestly"}</h3>
            <ul>
                <li>{"Twelve production clusters stand in for hundreds; the few numbers nobody has published (the pod size, how fast a replica over its memory limit dies, CoreDNS's restart interval, the crews' delays) are fitted to the public timeline, not OpenAI's internal numbers."}</li>
                <li>{"Priority and fairness is a share of each level's seats admitted per 10-s step (borrowing recomputed each step), not its queues; an admin fix is kubectl's four requests in a row on live replicas, break-glass one exempt request."}</li>
                <li>{"etcd, the scheduler and the data plane beyond DNS are not modelled; a cluster's customers fail exactly when their DNS entry is gone and CoreDNS cannot answer."}</li>
                <li>{"Engineers act on fixed delays; the real team improvised in parallel."}</li>
            </ul>
            <h3>{"Sources"}</h3>
            <ul>
                <li><a href="https://status.openai.com/incidents/ctrsv3lwd797" rel="noopener">{"OpenAI status: API, ChatGPT & Sora Facing Issues (11 Dec 2024)"}</a></li>
                <li>{"Kubernetes: API Priority and Fairness; kube-apiserver defaults; client-go retries and reflector backoff; CoreDNS kubernetes plugin."}</li>
                <li>{"Bronson et al., Metastable Failures in Distributed Systems (HotOS 2021); Huang et al., Metastable Failures in the Wild (OSDI 2022); Marc Brooker on backoff, jitter and retry budgets."}</li>
            </ul>
        </details>
    }
}
