/*
 * kernel/core/sched.c: tasks and processes, a round-robin run queue with
 * timer preemption on the way back to user mode, and sleeping on channels.
 * One CPU; the kernel is not preemptible (interrupts are off in kernel mode
 * except while idle), so no locks are needed.
 */
#include "task.h"
#include "arch.h"
#include "kmalloc.h"
#include "lib.h"
#include "trace.h"
#include "vfs.h"
#include "vm.h"

struct task *current;
struct task *all_tasks;
int task_count;
static struct proc *all_procs[TASK_MAX * 2];
static struct task *rq_head, *rq_tail;
static struct task *dead_tasks;       /* freed once we are off their stack */
static int next_tid = 1;
static int resched;
/* resched && rq_head, kept in step with both: what need_resched (task.h,
 * inline) reads on every return to user mode */
int sched_need_resched;

static void
resched_sync(void)
{
	sched_need_resched = resched && rq_head;
}
static uint64_t ticks, slice_start;
#define SLICE_TICKS 5          /* 50 ms before the timer preempts a task */

struct task *
task_alloc(void)
{
	if (task_count >= TASK_MAX)
		return NULL;
	struct task *t = kzalloc(sizeof(*t));
	if (!t)
		return NULL;
	t->kstack = kmalloc(KSTACK_SIZE);
	if (!t->kstack) {
		kfree(t);
		return NULL;
	}
	t->tf = (struct trapframe *)((char *)t->kstack + KSTACK_SIZE) - 1;
	memset(t->tf, 0, sizeof(*t->tf));
	/* the lowest unused tid above the last one, as Linux hands them out */
	for (;;) {
		int tid = next_tid++;
		if (next_tid > 32768)
			next_tid = 2;
		if (!task_by_tid(tid) && !proc_by_pid(tid)) {
			t->tid = tid;
			break;
		}
	}
	t->sc_nr = -1;
	t->state = TASK_RUNNABLE;
	t->next_all = all_tasks;
	all_tasks = t;
	task_count++;
	return t;
}

/* Unlink and free a dead task (never the current one). */
void
task_free(struct task *t)
{
	for (struct task **pp = &all_tasks; *pp; pp = &(*pp)->next_all)
		if (*pp == t) {
			*pp = t->next_all;
			break;
		}
	task_count--;
	mm_put(t->mm);
	kfree(t->kstack);
	kfree(t);
}

struct task *
task_by_tid(int tid)
{
	for (struct task *t = all_tasks; t; t = t->next_all)
		if (t->tid == tid && t->state != TASK_DEAD)
			return t;
	return NULL;
}

struct proc *
proc_alloc(int pid)
{
	struct proc *p = kzalloc(sizeof(*p));
	if (!p)
		return NULL;
	for (size_t i = 0; i < ARRAY_SIZE(all_procs); i++)
		if (!all_procs[i]) {
			all_procs[i] = p;
			p->pid = pid;
			return p;
		}
	kfree(p);
	return NULL;
}

struct proc *
proc_by_pid(int pid)
{
	for (size_t i = 0; i < ARRAY_SIZE(all_procs); i++)
		if (all_procs[i] && all_procs[i]->pid == pid)
			return all_procs[i];
	return NULL;
}

/* Children are kept oldest first, as in Linux's children list (new ones go
 * to the tail), so wait4(-1) finds zombies in Linux's order. */
void
proc_add_child(struct proc *parent, struct proc *c)
{
	struct proc **pp = &parent->children;
	while (*pp)
		pp = &(*pp)->sibling;
	c->parent = parent;
	c->sibling = NULL;
	*pp = c;
}

/* Free a reaped process. */
void
proc_put(struct proc *p)
{
	for (size_t i = 0; i < ARRAY_SIZE(all_procs); i++)
		if (all_procs[i] == p)
			all_procs[i] = NULL;
	kfree(p);
}

void
sched_add(struct task *t)
{
	if (t->on_rq || t->state != TASK_RUNNABLE)
		return;
	t->on_rq = 1;
	t->rq_next = NULL;
	/* the running task gets a full slice from the moment it has competition
	 * (a slice that ran out while it was alone does not count: without
	 * this, its first fork hands the CPU to the child at once) */
	if (!rq_head) {
		slice_start = ticks;
		resched = 0;
	}
	if (rq_tail)
		rq_tail->rq_next = t;
	else
		rq_head = t;
	rq_tail = t;
	resched_sync();
}

static struct task *
rq_pop(void)
{
	struct task *t = rq_head;
	if (t) {
		rq_head = t->rq_next;
		if (!rq_head)
			rq_tail = NULL;
		t->on_rq = 0;
		resched_sync();
	}
	return t;
}

/* Free tasks that died; called right after a switch, off their stacks. */
static void
reap_dead(void)
{
	while (dead_tasks && dead_tasks != current) {
		struct task *t = dead_tasks;
		dead_tasks = t->rq_next;
		task_free(t);
	}
}

void
schedule(void)
{
	struct task *prev = current;
	resched = 0;
	resched_sync();
	if (prev->state == TASK_RUNNABLE)
		sched_add(prev);
	else if (prev->state == TASK_DEAD) {
		prev->rq_next = dead_tasks;
		dead_tasks = prev;
	}
	struct task *next;
	while (!(next = rq_pop()))
		arch_wait_for_interrupt();     /* timer or console wakes someone */
	slice_start = ticks;
	if (next != prev) {
		current = next;
		if (!prev->mm || !next->mm || prev->mm->root != next->mm->root)
			mm_activate(next->mm);
		arch_switch(prev, next);
	}
	/* back on our own stack */
	reap_dead();
}

struct trapframe *
task_first_run(void)
{
	reap_dead();
	return current->tf;
}

void
sched_start(void)
{
	struct task *t = rq_pop();
	if (!t)
		panic("sched_start: no task to run");
	current = t;
	mm_activate(t->mm);
	arch_task_load(t);
	arch_return_to_user(t->tf);
}

int
sleep_on(void *chan, int interruptible, uint64_t timeout_ns)
{
	struct task *t = current;
	if (interruptible && signal_pending(t))
		return -EINTR;
	t->wchan = chan;
	t->interruptible = interruptible;
	t->timed_out = 0;
	t->wake_at = timeout_ns ? arch_time_ns() + timeout_ns : 0;
	t->state = TASK_SLEEPING;
	schedule();
	t->wchan = NULL;
	t->wake_at = 0;
	/* a signal that arrived meanwhile is seen by the caller's next
	 * sleep_on, after it has re-checked its own condition (Linux order) */
	if (t->timed_out)
		return -ETIMEDOUT;
	return 0;
}

void
wake_task(struct task *t)
{
	if (t->state != TASK_SLEEPING)
		return;
	t->state = TASK_RUNNABLE;
	sched_add(t);
	/* wakeup preemption, as CFS does for a task that slept: the waker
	 * yields at its next return to user mode */
	resched = 1;
	resched_sync();
}

void
wakeup(void *chan)
{
	for (struct task *t = all_tasks; t; t = t->next_all)
		if (t->state == TASK_SLEEPING && t->wchan == chan)
			wake_task(t);
}

void
timer_tick(void)
{
	uint64_t now = arch_time_ns();
	for (struct task *t = all_tasks; t; t = t->next_all)
		if (t->state == TASK_SLEEPING && t->wake_at && t->wake_at <= now) {
			t->timed_out = 1;
			wake_task(t);
		}
	if (++ticks - slice_start >= SLICE_TICKS) {
		resched = 1;
		resched_sync();
	}
}

/* Tasks of a user, zombies included (RLIMIT_NPROC counts them until reaped). */
uint64_t
user_task_count(int uid)
{
	uint64_t n = 0;
	for (struct task *t = all_tasks; t; t = t->next_all)
		if (t->proc && t->proc->uid == uid && t->state != TASK_DEAD)
			n++;
	for (size_t i = 0; i < ARRAY_SIZE(all_procs); i++)
		if (all_procs[i] && all_procs[i]->zombie && all_procs[i]->uid == uid)
			n++;
	return n;
}
