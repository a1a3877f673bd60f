import ArchKBCorpus

/// Groups of words and phrases that mean the same thing in backend architecture.
///
/// When a question contains any member of a group (as a whole phrase), the other members are
/// searched too, at a lower weight (`Thesaurus.expansionWeight`).
public struct Thesaurus: Sendable {
    /// Each group is a list of phrases; each phrase a list of lowercase words.
    public private(set) var groups: [[[String]]] = []
    /// The same groups with every word stemmed: questions match groups by stem, so "health
    /// checks" finds the group of "health check".
    private var stemmedGroups: [[[String]]] = []
    /// Weight of an expanded term relative to a term the user typed.
    public static let expansionWeight = 0.5

    public init(groups lines: [String]) {
        for line in lines { add(line: line) }
    }

    /// Adds a group written as `a = b = c` or `a, b, c`.
    public mutating func add(line: String) {
        let t = line.trimmed
        guard !t.isEmpty, !t.hasPrefix("#") else { return }
        let parts = t.contains("=") ? t.components(separatedBy: "=") : t.components(separatedBy: ",")
        let phrases = parts.map { Tokenizer.words($0) }.filter { !$0.isEmpty }
        if phrases.count >= 2 {
            groups.append(phrases)
            stemmedGroups.append(phrases.map { $0.map(Tokenizer.stem) })
        }
    }

    /// The phrases that expand `words`: for every group member found in the question (compared
    /// stem by stem, as a whole phrase), the other members of its group.
    public func expansions(of words: [String]) -> [[String]] {
        let stems = words.map(Tokenizer.stem)
        var out: [[String]] = []
        var seen = Set<[String]>()
        for (g, group) in stemmedGroups.enumerated() {
            guard group.contains(where: { stems.containsSequence($0) }) else { continue }
            for (p, phrase) in group.enumerated() where !stems.containsSequence(phrase) && seen.insert(groups[g][p]).inserted {
                out.append(groups[g][p])
            }
        }
        return out
    }

    public static let builtin = Thesaurus(groups: [
        "k8s = kubernetes", "pubsub = pub sub = publish subscribe", "mq = message queue = message broker",
        "authn = authentication = login = sign in", "auth = authentication", "auth = authorization", "authz = authorization = permissions = access control",
        "idempotent = idempotency = idempotence", "2pc = two phase commit = xa transaction",
        "dlq = dead letter queue = dead letter", "sse = server sent events = eventsource",
        "ddd = domain driven design", "cdc = change data capture", "apq = automatic persisted queries",
        "oidc = openid connect", "jwt = json web token", "rbac = role based access control = roles",
        "abac = attribute based access control", "rebac = relationship based access control",
        "mtls = mutual tls = mutual authentication", "bff = backend for frontend",
        "cqrs = command query responsibility segregation", "sso = single sign on",
        "cdn = content delivery network = edge cache", "dr = disaster recovery", "rto = recovery time objective",
        "rpo = recovery point objective", "slo = service level objective", "sli = service level indicator",
        "sla = service level agreement", "waf = web application firewall", "ddos = denial of service",
        "xss = cross site scripting", "csrf = cross site request forgery = xsrf", "cors = cross origin = cross origin resource sharing",
        "csp = content security policy", "otel = opentelemetry", "apm = application performance monitoring",
        "elk = elasticsearch logstash kibana", "opensearch = elasticsearch", "postgres = postgresql = pg",
        "mongo = mongodb", "dynamo = dynamodb", "golang = go", "nodejs = node js", "dotnet = net = c#",
        "rest = restful = rest api", "grpc = protobuf = protocol buffers", "gql = graphql",
        "websocket = websockets = ws", "webhook = webhooks = callback url", "ci cd = cicd = continuous delivery = continuous integration",
        "ci = continuous integration = build pipeline", "cd = continuous delivery = continuous deployment", "iac = infrastructure as code", "lb = load balancer = load balancing",
        "api gw = api gateway", "sidecar = service mesh", "realtime = real time = live updates = push",
        "async = asynchronous", "sync = synchronous", "db = database", "dbs = databases", "msg = message",
        "perf = performance", "latency = slow = response time", "throughput = high volume = high load",
        "outage = downtime = failure", "cascading failure = cascade = failure propagation",
        "flaky = transient = intermittent", "retry = retries = retrying", "backoff = back off",
        "rate limit = rate limiting = throttling = throttle", "cache = caching = cached",
        "invalidation = invalidate = purge = eviction", "stale = staleness = freshness",
        "session = sessions = login state", "logged out = signed out = session lost = session expired", "secret = secrets = credentials = api keys",
        "token = tokens = bearer", "spa = single page app = single page application = browser app",
        "mobile = mobile app = native app", "monolith = monolithic", "microservice = microservices = services",
        "queue = queues = queueing", "stream = streams = streaming = event stream = event log",
        "event = events = domain events", "job = jobs = task = tasks", "cron = scheduled = scheduler",
        "saas = multi tenant = multitenant = tenants", "feature flag = feature toggle = flag",
        "rollout = roll out = release = deploy = deployment", "zero downtime = no downtime",
        "tracing = traces = trace", "logs = logging = log lines", "metrics = metric = counters",
        "health check = healthcheck = probe", "p99 = tail latency = percentile",
        "n+1 = n 1 = n plus one", "pagination = paginate = paginated = paging through", "versioning = version = versions",
        "contract = schema = spec", "docs = documentation", "adr = architecture decision record = decision record",
        "lru = eviction", "k v = key value", "nosql = document store = non relational",
        "sql = relational = rdbms", "olap = analytics = warehouse", "etl = data pipeline = elt",
        "blue green = red black", "canary = progressive delivery", "chaos = fault injection",
        "ha = high availability", "failover = fail over", "region = regions = continents = geo = geographic",
        "sharding = shard = shards = partitioning", "replica = replicas = replication",
        "thundering herd = stampede = dogpile", "coalescing = single flight = deduplication",
        "downstream = dependency = dependencies", "upstream = caller", "fan out = fanout = broadcast",
        "rabbit = rabbitmq", "pod = pods = kubernetes", "pii = personal data = sensitive data",
        "hammered = hammering = flooded = overwhelmed = overloaded = too many requests",
        // British and American spellings: real ADR logs use both.
        "licence = license", "licences = licenses", "artefact = artifact", "artefacts = artifacts", "behaviour = behavior",
        "centralise = centralize", "organise = organize", "organisation = organization", "optimise = optimize",
        "serialise = serialize", "serialisation = serialization", "normalise = normalize", "standardise = standardize",
        "catalogue = catalog", "colour = color", "favour = favor", "initialise = initialize", "initialisation = initialization",
    ])
}

extension Array where Element == String {
    /// Whether `phrase` occurs as a contiguous run of elements.
    public func containsSequence(_ phrase: [String]) -> Bool {
        guard !phrase.isEmpty, phrase.count <= count else { return false }
        for start in 0...(count - phrase.count) where self[start] == phrase[0] {
            if Array(self[start..<(start + phrase.count)]) == phrase { return true }
        }
        return false
    }
}
